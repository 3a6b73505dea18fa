package web

import (
	"net/http"

	"github.com/dyadhq/dyad/timeline"
)

// mayUseJob reports whether the signed-in user may see or act on an import
// job uploaded by owner: the uploader and admins may; to anyone else the
// job does not exist, so its address tells nothing (issue 14).
func mayUseJob(r *http.Request, owner string) bool {
	u := userFrom(r.Context())
	return u != nil && (u.Name == owner || u.Role.AtLeast(timeline.RoleAdmin))
}
