// Package views holds dyad's templ components and the static assets they
// use. Components are pure functions of the view models passed to them.
package views

import (
	"crypto/sha256"
	"embed"
	"encoding/hex"
	"io/fs"
	"sync"
)

//go:embed static
var static embed.FS

// Static is the file system of the assets, rooted at the static folder.
var Static, _ = fs.Sub(static, "static")

var assetHashes = sync.OnceValue(func() map[string]string {
	m := map[string]string{}
	fs.WalkDir(Static, ".", func(path string, d fs.DirEntry, err error) error {
		if err != nil || d.IsDir() {
			return err
		}
		b, err := fs.ReadFile(Static, path)
		if err != nil {
			return err
		}
		sum := sha256.Sum256(b)
		m[path] = hex.EncodeToString(sum[:])[:12]
		return nil
	})
	return m
})

// AssetHash returns the content hash of a static file, "" if there is none.
func AssetHash(name string) string { return assetHashes()[name] }

// Asset returns the URL of a static file. The URL holds a hash of the
// content, so browsers may cache it for ever and never run a stale copy.
func Asset(name string) string {
	return "/static/" + AssetHash(name) + "/" + name
}
