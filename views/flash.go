package views

import "context"

type flashKey struct{}

// WithFlash returns ctx carrying a one-time message (after a save or a
// delete) that the page layout shows at the top of whatever page comes next.
func WithFlash(ctx context.Context, msg string) context.Context {
	return context.WithValue(ctx, flashKey{}, msg)
}

func flashFrom(ctx context.Context) string {
	msg, _ := ctx.Value(flashKey{}).(string)
	return msg
}

type userKey struct{}

type signedIn struct{ name, role string }

// WithUser returns ctx carrying the signed-in user's name and role, for the
// page header and for showing only the actions the user may take.
func WithUser(ctx context.Context, name, role string) context.Context {
	return context.WithValue(ctx, userKey{}, signedIn{name, role})
}

func userOf(ctx context.Context) (signedIn, bool) {
	u, ok := ctx.Value(userKey{}).(signedIn)
	return u, ok
}

// canEdit reports whether the signed-in user may write.
func canEdit(ctx context.Context) bool {
	u, ok := userOf(ctx)
	return ok && (u.role == "editor" || u.role == "admin")
}

func isAdmin(ctx context.Context) bool {
	u, ok := userOf(ctx)
	return ok && u.role == "admin"
}
