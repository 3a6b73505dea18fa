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
