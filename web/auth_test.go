package web_test

import (
	"context"
	"fmt"
	"io"
	"log/slog"
	"net/http"
	"net/http/httptest"
	"net/url"
	"path/filepath"
	"strings"
	"sync"
	"testing"
	"time"

	"github.com/dyadhq/dyad/db"
	"github.com/dyadhq/dyad/timeline"
	"github.com/dyadhq/dyad/web"
)

// writes lists every state-changing route with a body that would succeed
// for an editor or admin.
func writes() []struct{ method, path string } {
	return []struct{ method, path string }{
		{"GET", "/events/new"}, {"POST", "/events"}, {"GET", "/events/1/edit"}, {"POST", "/events/1"},
		{"GET", "/events/1/delete"}, {"POST", "/events/1/delete"}, {"GET", "/import"}, {"POST", "/import"},
		{"GET", "/import/abc"}, {"POST", "/import/abc"},
		{"GET", "/admin/users"}, {"POST", "/admin/users"}, {"POST", "/admin/users/editor"},
		{"GET", "/imports"}, {"POST", "/imports/1/undo"}, {"POST", "/events/1/history/1/restore"},
		{"GET", "/trash"}, {"POST", "/trash/1/undelete"}, {"POST", "/trash/1/purge"}, {"GET", "/events/1/history"},
	}
}

func TestAnonymousCannotWrite(t *testing.T) {
	a := newApp(t, true).anon()
	for _, w := range writes() {
		req := mustRequest(t, w.method, a.srv.URL+w.path)
		if w.method == "POST" {
			req, _ = http.NewRequest("POST", a.srv.URL+w.path, strings.NewReader(eventForm().Encode()))
			req.Header.Set("Content-Type", "application/x-www-form-urlencoded")
		}
		res := a.do(req)
		if res.status != http.StatusSeeOther || !strings.HasPrefix(res.header.Get("Location"), "/login") {
			t.Errorf("%s %s as anonymous: %d %q, want a redirect to /login", w.method, w.path, res.status, res.header.Get("Location"))
		}
	}
	if _, n, _ := a.store.FindEvents(context.Background(), timeline.EventFilter{}); n != 6 {
		t.Fatalf("anonymous requests changed the events: %d", n)
	}
	// Reading stays public, without the write links.
	res := a.get("/events/2")
	if res.status != 200 || res.doc.Find(`a[href="/events/2/edit"]`).Length() != 0 || res.doc.Find(`[data-testid=login-link]`).Length() != 1 {
		t.Fatalf("anonymous event page: %d", res.status)
	}
}

func TestRoles(t *testing.T) {
	a := newApp(t, true)
	viewer := a.anon()
	viewer.loginAs("reader", timeline.RoleViewer)
	for _, w := range writes()[:6] {
		req := mustRequest(t, w.method, a.srv.URL+w.path)
		if res := viewer.do(req); res.status != http.StatusForbidden || !strings.Contains(res.body, "needs an editor") {
			t.Errorf("%s %s as viewer: %d", w.method, w.path, res.status)
		}
	}
	// The editor (newApp's) cannot manage accounts.
	for _, path := range []string{"/admin/users"} {
		if res := a.get(path); res.status != http.StatusForbidden {
			t.Errorf("GET %s as editor: %d", path, res.status)
		}
	}
	if res := a.post("/admin/users", url.Values{"username": {"mallory"}, "password": {testPassword}, "role": {"admin"}}); res.status != http.StatusForbidden {
		t.Errorf("POST /admin/users as editor: %d", res.status)
	}
	// An admin adds an editor, and cannot remove the last admin.
	admin := a.anon()
	admin.loginAs("boss", timeline.RoleAdmin)
	res := admin.post("/admin/users", url.Values{"username": {"newsroom"}, "password": {testPassword}, "role": {"editor"}})
	if res.status != http.StatusSeeOther {
		t.Fatalf("add editor: %d %s", res.status, res.body)
	}
	page := admin.get("/admin/users")
	if !strings.Contains(page.doc.Find(`[data-testid=users]`).Text(), "newsroom") {
		t.Fatalf("new account not listed")
	}
	if res := admin.post("/admin/users/boss", url.Values{"action": {"delete"}}); res.status != http.StatusConflict {
		t.Fatalf("removing the last admin: %d", res.status)
	}
	if res := admin.post("/admin/users", url.Values{"username": {"newsroom"}, "password": {testPassword}, "role": {"editor"}}); res.status != http.StatusConflict {
		t.Fatalf("duplicate name: %d", res.status)
	}
	if res := admin.post("/admin/users", url.Values{"username": {"x y"}, "password": {"short"}, "role": {"god"}}); res.status != 422 ||
		res.doc.Find(".error-text").Length() != 3 {
		t.Fatalf("bad account: %d, %d messages", res.status, res.doc.Find(".error-text").Length())
	}
}

func sessionCookie(a *testApp) string {
	u, _ := url.Parse(a.srv.URL)
	for _, c := range a.c.Jar.Cookies(u) {
		if c.Name == "dyad_session" {
			return c.Value
		}
	}
	return ""
}

func TestSessions(t *testing.T) {
	a := newApp(t, true).anon()
	a.get("/") // any page
	before := sessionCookie(a)
	a.loginAs("editor2", timeline.RoleEditor)
	after := sessionCookie(a)
	if after == "" || after == before {
		t.Fatalf("session token did not change on login: %q -> %q", before, after)
	}
	if res := a.get("/events/new"); res.status != 200 {
		t.Fatalf("signed in: %d", res.status)
	}
	// Logout kills the session on the server: replaying the old cookie fails.
	if res := a.post("/logout", nil); res.status != http.StatusSeeOther {
		t.Fatalf("logout: %d", res.status)
	}
	replay := a.anon()
	req := mustRequest(t, "GET", a.srv.URL+"/events/new")
	req.AddCookie(&http.Cookie{Name: "dyad_session", Value: after})
	if res := replay.do(req); res.status != http.StatusSeeOther {
		t.Fatalf("the session still works after logout: %d", res.status)
	}
	// Cookies are HttpOnly and SameSite=Lax.
	res := a.anon().post("/login", url.Values{"username": {"editor2"}, "password": {testPassword}})
	sc := res.header.Get("Set-Cookie")
	if !strings.Contains(sc, "HttpOnly") || !strings.Contains(sc, "SameSite=Lax") || strings.Contains(sc, "Secure") {
		t.Fatalf("session cookie %q", sc)
	}
	// A cross-origin POST with a valid session is refused.
	req, _ = http.NewRequest("POST", a.srv.URL+"/events/1/delete", nil)
	req.Header.Set("Sec-Fetch-Site", "cross-site")
	req.Header.Set("Origin", "https://evil.example")
	editor := a.anon()
	editor.loginAs("editor2", timeline.RoleEditor)
	if res := editor.do(req); res.status != http.StatusForbidden {
		t.Fatalf("cross-origin POST with a session: %d", res.status)
	}
}

func TestLogin(t *testing.T) {
	a := newApp(t, false).anon()
	unknown := a.post("/login", url.Values{"username": {"nobody"}, "password": {"whatever it is"}})
	wrong := a.post("/login", url.Values{"username": {"editor"}, "password": {"not the password"}})
	for _, res := range []response{unknown, wrong} {
		if res.status != http.StatusUnauthorized || res.doc.Find(`[data-testid=login-error]`).Text() != "Wrong username or password." {
			t.Fatalf("failed login: %d %q", res.status, res.doc.Find(`[data-testid=login-error]`).Text())
		}
	}
	if got := wrong.doc.Find("#username").AttrOr("value", ""); got != "editor" {
		t.Fatalf("user name not kept: %q", got)
	}
	// Guessing is slowed down: five tries an account, then 429.
	var last response
	for range 6 {
		last = a.post("/login", url.Values{"username": {"editor"}, "password": {"guess guess guess"}})
	}
	if last.status != http.StatusTooManyRequests || last.header.Get("Retry-After") == "" {
		t.Fatalf("after many failures: %d", last.status)
	}
	// The next parameter only ever leads back into dyad.
	n := 0
	for next, want := range map[string]string{"/pairs/sy/ru?from=2025": "/pairs/sy/ru?from=2025", "https://evil.example/": "/",
		"//evil.example": "/", "/\t/evil.example": "/", "/\\evil.example": "/", "/%2F%2Fevil.example": "/", "javascript:alert(1)": "/"} {
		n++
		name := fmt.Sprintf("traveller%d", n) // a fresh account each: logins are limited per account
		if _, err := a.store.CreateUser(context.Background(), name, testPassword, timeline.RoleEditor); err != nil {
			t.Fatal(err)
		}
		res := a.anon().post("/login", url.Values{"username": {name}, "password": {testPassword}, "next": {next}})
		if res.status != http.StatusSeeOther || res.header.Get("Location") != want {
			t.Errorf("next=%q: %d to %q, want %q", next, res.status, res.header.Get("Location"), want)
		}
	}
}

func TestPrivateAndSetup(t *testing.T) {
	store, err := db.Open(context.Background(), filepath.Join(t.TempDir(), "dyad.db"))
	if err != nil {
		t.Fatal(err)
	}
	defer store.Close()
	setup := web.NewSetupToken(time.Now())
	srv := httptest.NewServer(web.NewServer(slog.New(slog.NewTextHandler(io.Discard, nil)), store,
		web.Config{Sessions: store.Sessions(), Private: true, Setup: setup, UploadDir: t.TempDir()}))
	defer srv.Close()
	a := &testApp{t: t, srv: srv, store: store}
	a.c = a.newClient()
	for _, path := range []string{"/", "/pairs/sy/ru", "/events.csv", "/events/1"} {
		if res := a.get(path); res.status != http.StatusSeeOther || !strings.HasPrefix(res.header.Get("Location"), "/login") {
			t.Errorf("private %s as anonymous: %d", path, res.status)
		}
	}
	if res := a.get("/api/pairs/sy/ru/events"); res.status != http.StatusUnauthorized {
		t.Errorf("private API as anonymous: %d", res.status)
	}
	if res := a.get("/setup/wrong-token"); res.status != 404 {
		t.Fatalf("wrong setup token: %d", res.status)
	}
	form := url.Values{"username": {"chief"}, "password": {testPassword}, "password2": {"different password"}}
	if res := a.post(setup.Path(), form); res.status != 422 || !strings.Contains(res.body, "differ") {
		t.Fatalf("mismatched passwords: %d", res.status)
	}
	form.Set("password2", testPassword)
	if res := a.post(setup.Path(), form); res.status != http.StatusSeeOther || res.header.Get("Location") != "/admin/users" {
		t.Fatalf("setup: %d %s", res.status, res.body)
	}
	if res := a.get("/admin/users"); res.status != 200 {
		t.Fatalf("the new admin is not signed in: %d", res.status)
	}
	if res := a.anon().post(setup.Path(), url.Values{"username": {"second"}, "password": {testPassword}, "password2": {testPassword}}); res.status != 404 {
		t.Fatalf("the setup link worked twice: %d", res.status)
	}
}

// A new password ends every session that began with the old one.
func TestPasswordChangeEndsSessions(t *testing.T) {
	clock := &testClock{}
	a := newAppWith(t, appOptions{clock: clock})
	if res := a.get("/events/new"); res.status != 200 {
		t.Fatalf("signed in: %d", res.status)
	}
	// In the same second as the sign-in: sessions are dated to the
	// nanosecond from when the login began, so a change racing a login
	// ends it too (an attacker's run kept such a session 3 times of 3).
	if err := a.store.SetPassword(t.Context(), "editor", "a completely new password"); err != nil {
		t.Fatal(err)
	}
	if res := a.get("/events/new"); res.status != http.StatusSeeOther {
		t.Fatalf("the old session still works after the password changed: %d", res.status)
	}
}

// Behind a proxy that says https, session cookies are Secure.
func TestSecureCookiesBehindProxy(t *testing.T) {
	store, err := db.Open(context.Background(), filepath.Join(t.TempDir(), "dyad.db"))
	if err != nil {
		t.Fatal(err)
	}
	defer store.Close()
	if _, err := store.CreateUser(context.Background(), "desk", testPassword, timeline.RoleEditor); err != nil {
		t.Fatal(err)
	}
	h := web.NewServer(slog.New(slog.NewTextHandler(io.Discard, nil)), store, web.Config{Sessions: store.Sessions(), TrustProxy: true, UploadDir: t.TempDir()})
	for proto, secure := range map[string]bool{"https": true, "http": false} {
		req := httptest.NewRequest("POST", "/login", strings.NewReader(url.Values{"username": {"desk"}, "password": {testPassword}}.Encode()))
		req.Header.Set("Content-Type", "application/x-www-form-urlencoded")
		req.Header.Set("X-Forwarded-Proto", proto)
		rec := httptest.NewRecorder()
		h.ServeHTTP(rec, req)
		cookie := rec.Header().Get("Set-Cookie")
		if rec.Code != http.StatusSeeOther || strings.Contains(cookie, "Secure") != secure {
			t.Errorf("X-Forwarded-Proto %s: %d, cookie %q", proto, rec.Code, cookie)
		}
	}
}

// blockedSource is an import source that gives one row, then waits for
// release: the import holds the write lock all that time.
type blockedSource struct {
	started chan struct{}
	release chan struct{}
	sent    bool
}

func (b *blockedSource) Next() (timeline.ImportRow, error) {
	if !b.sent {
		b.sent = true
		close(b.started)
		<-b.release
	}
	return timeline.ImportRow{}, io.EOF
}

func (b *blockedSource) Notices() []string { return nil }

// A signed-in page view writes nothing: it must not wait for a long import
// that holds the write lock (scs saves the session at every request to
// push its idle expiry on; the store skips that write).
func TestSignedInPagesDuringAnImport(t *testing.T) {
	a := newApp(t, true)
	if res := a.get("/pairs/sy/ru"); res.status != http.StatusOK { // the session's first save
		t.Fatalf("%d", res.status)
	}
	src := &blockedSource{started: make(chan struct{}), release: make(chan struct{})}
	done := make(chan error)
	go func() {
		_, err := a.store.Import(context.Background(), src, timeline.ImportOptions{})
		done <- err
	}()
	<-src.started
	got := make(chan response)
	go func() { got <- a.get("/pairs/sy/ru") }()
	select {
	case res := <-got:
		if res.status != http.StatusOK || !strings.Contains(res.body, "editor") {
			t.Errorf("signed-in page during an import: %d", res.status)
		}
	case <-time.After(5 * time.Second):
		t.Error("a signed-in page waited for the import to finish")
		defer func() { <-got }()
	}
	close(src.release)
	if err := <-done; err != nil {
		t.Fatal(err)
	}
}

// Password checks (64 MiB of argon2id each) run a few at a time: past
// them a login waits, then answers 503; names and passwords no account
// can have are not checked at all.
func TestLoginPasswordChecksBounded(t *testing.T) {
	a := newApp(t, false)
	b := a.anon()
	release := a.app.HoldPasswordChecks(50 * time.Millisecond)
	res := b.post("/login", url.Values{"username": {"editor"}, "password": {testPassword}})
	if res.status != http.StatusServiceUnavailable || res.header.Get("Retry-After") == "" {
		t.Fatalf("a login with every check taken: %d", res.status)
	}
	long := b.post("/login", url.Values{"username": {strings.Repeat("x", 10_000)}, "password": {"x"}})
	if long.status != http.StatusUnauthorized {
		t.Fatalf("a 10,000-character name: %d, want 401 at once", long.status)
	}
	// A login form is small: a body past 16 KiB is not even parsed.
	huge := b.post("/login", url.Values{"username": {"nobody"}, "password": {"x"}, "pad": {strings.Repeat("a", 4<<20)}})
	if huge.status != http.StatusRequestEntityTooLarge {
		t.Fatalf("a 4 MiB login form: %d, want 413", huge.status)
	}
	release()
	if res := b.post("/login", url.Values{"username": {"editor"}, "password": {testPassword}}); res.status != http.StatusSeeOther {
		t.Fatalf("after the flood: %d", res.status)
	}
}

// Every cookie is Secure when dyad is served over TLS, the flash message's
// too: --secure-cookies, or a proxy trusted to say https.
func TestFlashCookieSecure(t *testing.T) {
	store, err := db.Open(context.Background(), filepath.Join(t.TempDir(), "dyad.db"))
	if err != nil {
		t.Fatal(err)
	}
	defer store.Close()
	for _, tc := range []struct {
		name   string
		cfg    web.Config
		proto  string
		secure bool
	}{
		{"SecureCookies", web.Config{SecureCookies: true}, "", true},
		{"ProxySaysHTTPS", web.Config{TrustProxy: true}, "https", true},
		{"PlainHTTP", web.Config{}, "https", false},
	} {
		t.Run(tc.name, func(t *testing.T) {
			tc.cfg.Sessions, tc.cfg.UploadDir = store.Sessions(), t.TempDir()
			h := web.NewServer(slog.New(slog.NewTextHandler(io.Discard, nil)), store, tc.cfg)
			req := httptest.NewRequest("POST", "/logout", nil)
			if tc.proto != "" {
				req.Header.Set("X-Forwarded-Proto", tc.proto)
			}
			rec := httptest.NewRecorder()
			h.ServeHTTP(rec, req)
			var flash string
			for _, c := range rec.Header().Values("Set-Cookie") {
				if strings.HasPrefix(c, "dyad_flash=") {
					flash = c
				}
			}
			if flash == "" || strings.Contains(flash, "Secure") != tc.secure {
				t.Fatalf("flash cookie %q, want Secure %v", flash, tc.secure)
			}
		})
	}
}

// However many requests race on the setup link, it makes one admin.
func TestSetupRaceMakesOneAdmin(t *testing.T) {
	store, err := db.Open(context.Background(), filepath.Join(t.TempDir(), "dyad.db"))
	if err != nil {
		t.Fatal(err)
	}
	defer store.Close()
	setup := web.NewSetupToken(time.Now())
	srv := httptest.NewServer(web.NewServer(slog.New(slog.NewTextHandler(io.Discard, nil)), store,
		web.Config{Sessions: store.Sessions(), Setup: setup, UploadDir: t.TempDir()}))
	defer srv.Close()
	const racers = 8
	codes := make([]int, racers)
	var wg sync.WaitGroup
	start := make(chan struct{})
	for i := range racers {
		wg.Go(func() {
			<-start
			form := url.Values{"username": {fmt.Sprintf("admin%d", i)}, "password": {testPassword}, "password2": {testPassword}}
			c := *srv.Client()
			c.CheckRedirect = func(*http.Request, []*http.Request) error { return http.ErrUseLastResponse }
			res, err := c.PostForm(srv.URL+setup.Path(), form)
			if err != nil {
				t.Error(err)
				return
			}
			res.Body.Close()
			codes[i] = res.StatusCode
		})
	}
	close(start)
	wg.Wait()
	made := 0
	for _, c := range codes {
		if c == http.StatusSeeOther {
			made++
		}
	}
	n, err := store.CountUsers(context.Background())
	if err != nil {
		t.Fatal(err)
	}
	if made != 1 || n != 1 {
		t.Fatalf("%d racing setups: %d answered as made (%v), %d accounts; want one", racers, made, codes, n)
	}
}
