package web

import (
	"context"
	"crypto/subtle"
	"net"
	"net/http"
	"net/netip"
	"net/url"
	"runtime"
	"strings"
	"sync"
	"time"
	"unicode/utf8"

	"github.com/alexedwards/scs/v2"
	"github.com/hashicorp/golang-lru/v2/expirable"
	"golang.org/x/time/rate"

	"github.com/dyadhq/dyad/i18n"
	"github.com/dyadhq/dyad/timeline"
	"github.com/dyadhq/dyad/views"
)

type userKey struct{}

// userFrom returns the signed-in user of the request, nil for anonymous.
func userFrom(ctx context.Context) *timeline.User {
	u, _ := ctx.Value(userKey{}).(*timeline.User)
	return u
}

const (
	sessionUserKey   = "user_id"
	sessionAuthAtKey = "auth_at" // when the login began: Unix nanoseconds (seconds in older sessions)
)

func newSessions(store scs.Store, secure bool) *scs.SessionManager {
	sm := scs.New()
	sm.Store = store
	sm.Lifetime = 14 * 24 * time.Hour
	sm.IdleTimeout = 3 * 24 * time.Hour
	sm.Cookie.Name = "dyad_session"
	sm.Cookie.HttpOnly = true
	sm.Cookie.SameSite = http.SameSiteLaxMode
	sm.Cookie.Secure = secure
	sm.Cookie.Path = "/"
	return sm
}

// loadUser puts the signed-in user, if any, in the request's context.
func (s *Server) loadUser(next http.Handler) http.Handler {
	return http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		id := s.sessions.GetInt64(r.Context(), sessionUserKey)
		if id == 0 {
			next.ServeHTTP(w, r)
			return
		}
		u, err := s.store.FindUserByID(r.Context(), id)
		if err == nil && !u.PasswordChangedAt.IsZero() && authAt(s.sessions.GetInt64(r.Context(), sessionAuthAtKey)) < u.PasswordChangedAt.UnixNano() {
			err = timeline.Errorf(timeline.EUNAUTHORIZED, "The password changed after this session began.")
		}
		if err != nil {
			// The account is gone: so is the sign-in.
			s.sessions.Remove(r.Context(), sessionUserKey)
			next.ServeHTTP(w, r)
			return
		}
		ctx := context.WithValue(r.Context(), userKey{}, u)
		ctx = views.WithUser(ctx, u.Name, string(u.Role))
		ctx = timeline.WithUser(ctx, u.Name)
		next.ServeHTTP(w, r.WithContext(ctx))
	})
}

// require lets through only users with at least role min. Anonymous
// visitors are sent to the login page (the API answers 401); signed-in users
// without the role get 403.
func (s *Server) require(min timeline.Role) func(http.Handler) http.Handler {
	return func(next http.Handler) http.Handler {
		return http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
			u := userFrom(r.Context())
			switch {
			case u != nil && u.Role.AtLeast(min):
				next.ServeHTTP(w, r)
			case u == nil && strings.HasPrefix(r.URL.Path, "/api/"):
				writeJSON(w, http.StatusUnauthorized, apiError{Error: "Log in first."})
			case u == nil:
				back := r.URL.RequestURI()
				if r.Method != http.MethodGet {
					back = r.Referer()
					if ru, err := url.Parse(back); err == nil {
						back = ru.RequestURI()
					}
				}
				http.Redirect(w, r, "/login?next="+url.QueryEscape(localPath(back)), http.StatusSeeOther)
			default:
				loc := i18n.From(r.Context())
				s.errorPage(w, r, http.StatusForbidden, loc.Tf("ErrorNeedsRole_"+string(min), "Name", u.Name, "Role", loc.T("Role_"+string(u.Role))))
			}
		})
	}
}

// localPath keeps a redirect target on this site: a path of its own, never
// a URL (no scheme, no host, no control characters or backslashes that a
// browser would turn into one).
func localPath(p string) string {
	if strings.ContainsFunc(p, func(r rune) bool { return r < 0x20 || r == 0x7f || r == '\\' }) {
		return "/"
	}
	u, err := url.Parse(p)
	if err != nil || u.Scheme != "" || u.Host != "" || u.User != nil || !strings.HasPrefix(u.Path, "/") ||
		strings.HasPrefix(u.Path, "//") || strings.HasPrefix(u.Path, "/login") {
		return "/"
	}
	return u.RequestURI()
}

// loginLimiter bounds password guessing, after OWASP's authentication
// guidance: an address may try 20 logins at once and one every 3 seconds;
// an account may fail 5 times at once, then once every 12 seconds, from
// each address; and 50 times at once, then once a minute, from all
// addresses together. Only failures count against an account, so that
// failures from one address cannot lock its owner out from another (the
// owner's address has its own five), and a correct password is never
// refused for someone else's failures unless an attack from many
// addresses spends the account's fifty. IPv6 addresses count by /64, the
// block one subscriber holds. The tables are bounded, least recently used
// first out, and forget an idle key after an hour: flooding them with
// names evicts other junk, never resets everything.
type loginLimiter struct {
	mu     sync.Mutex
	byAddr *expirable.LRU[string, *rate.Limiter]
	byPair *expirable.LRU[string, *rate.Limiter] // account and address
	byName *expirable.LRU[string, *rate.Limiter]
}

const loginLimiterSize = 20_000

func newLoginLimiter() *loginLimiter {
	return &loginLimiter{
		byAddr: expirable.NewLRU[string, *rate.Limiter](loginLimiterSize, nil, time.Hour),
		byPair: expirable.NewLRU[string, *rate.Limiter](loginLimiterSize, nil, time.Hour),
		byName: expirable.NewLRU[string, *rate.Limiter](loginLimiterSize, nil, time.Hour),
	}
}

func limiter(c *expirable.LRU[string, *rate.Limiter], key string, per time.Duration, burst int) *rate.Limiter {
	if lim, ok := c.Get(key); ok {
		return lim
	}
	lim := rate.NewLimiter(rate.Every(per), burst)
	// A copy: the key may share the memory of a whole request (a form
	// value is a slice of the body it came in, an address of its header),
	// which the table would keep for an hour.
	c.Add(strings.Clone(key), lim)
	return lim
}

// addrKey is the part of an address that counts: all of an IPv4 address,
// the /64 of an IPv6 one.
func addrKey(ip string) string {
	a, err := netip.ParseAddr(ip)
	if err != nil || a.Unmap().Is4() {
		return ip
	}
	p, _ := a.Prefix(64)
	return p.String()
}

func (l *loginLimiter) accountLimiters(ip, name string) (pair, account *rate.Limiter) {
	nk := strings.ToLower(name)
	return limiter(l.byPair, nk+"\x00"+addrKey(ip), 12*time.Second, 5), limiter(l.byName, nk, time.Minute, 50)
}

// allow reports whether a login from ip to the account name may be tried
// now; it counts the attempt against the address. An address over its
// limit adds nothing to the tables, so it cannot flood them.
func (l *loginLimiter) allow(ip, name string) bool {
	l.mu.Lock()
	defer l.mu.Unlock()
	if !limiter(l.byAddr, addrKey(ip), 3*time.Second, 20).Allow() {
		return false
	}
	pair, account := l.accountLimiters(ip, name)
	now := time.Now()
	return pair.TokensAt(now) >= 1 && account.TokensAt(now) >= 1
}

// failed counts a wrong password against the account.
func (l *loginLimiter) failed(ip, name string) {
	l.mu.Lock()
	defer l.mu.Unlock()
	pair, account := l.accountLimiters(ip, name)
	pair.Allow()
	account.Allow()
}

func (s *Server) clientIP(r *http.Request) string {
	if s.cfg.TrustProxy {
		// The right-most address is the one our own proxy added; the
		// others are whatever the client sent.
		if f := r.Header.Values("X-Forwarded-For"); len(f) > 0 {
			parts := strings.Split(f[len(f)-1], ",")
			return strings.TrimSpace(parts[len(parts)-1])
		}
	}
	host, _, err := net.SplitHostPort(r.RemoteAddr)
	if err != nil {
		return r.RemoteAddr
	}
	return host
}

func (s *Server) loginForm(w http.ResponseWriter, r *http.Request) {
	if userFrom(r.Context()) != nil {
		http.Redirect(w, r, localPath(r.URL.Query().Get("next")), http.StatusSeeOther)
		return
	}
	s.render(w, r, http.StatusOK, views.LoginPage(views.Login{Next: localPath(r.URL.Query().Get("next"))}))
}

// passwordCheckWait is how long a login waits for a password check to be
// free before answering 503.
var passwordCheckWait = 5 * time.Second

func (s *Server) login(w http.ResponseWriter, r *http.Request) {
	// The session counts from before the password was checked, so that a
	// password changed while this login ran ends it too.
	began := s.now()
	if err := parseForm(r); err != nil {
		s.error(w, r, err)
		return
	}
	name, password := strings.TrimSpace(r.PostForm.Get("username")), r.PostForm.Get("password")
	page := views.Login{Username: name, Next: localPath(r.PostForm.Get("next"))}
	loc := i18n.From(r.Context())
	if utf8.RuneCountInString(name) > timeline.MaxUserName || utf8.RuneCountInString(password) > timeline.MaxPassword {
		// No account has such a name (nor such a password): nothing to
		// check, and nothing for the limiter to keep.
		page.Username = ""
		page.Error = loc.T("LoginWrong")
		s.render(w, r, http.StatusUnauthorized, views.LoginPage(page))
		return
	}
	if !s.logins.allow(s.clientIP(r), name) {
		page.Error = loc.T("LoginTooMany")
		w.Header().Set("Retry-After", "60")
		s.render(w, r, http.StatusTooManyRequests, views.LoginPage(page))
		return
	}
	// Password checks wait their turn, a few seconds at most: a flood of
	// them must not hold 64 MiB each at once.
	wait := time.NewTimer(passwordCheckWait)
	select {
	case s.passwordChecks <- struct{}{}:
		wait.Stop()
	case <-wait.C:
		w.Header().Set("Retry-After", "5")
		page.Error = loc.T("LoginBusy")
		s.render(w, r, http.StatusServiceUnavailable, views.LoginPage(page))
		return
	case <-r.Context().Done():
		wait.Stop()
		return
	}
	u, err := s.store.Authenticate(r.Context(), name, password)
	// The check's 64 MiB are garbage now. Collected before the next check
	// takes its place, they are reused by it; left to the collector's
	// pace, a flood of logins keeps two or three of them in the heap.
	runtime.GC()
	<-s.passwordChecks
	if err != nil {
		if timeline.ErrorCode(err) != timeline.EUNAUTHORIZED {
			s.error(w, r, err)
			return
		}
		s.logins.failed(s.clientIP(r), name)
		page.Error = loc.T("LoginWrong")
		s.render(w, r, http.StatusUnauthorized, views.LoginPage(page))
		return
	}
	if err := s.signIn(r.Context(), u, began); err != nil {
		s.error(w, r, err)
		return
	}
	http.Redirect(w, r, page.Next, http.StatusSeeOther)
}

// signIn starts a session for u under a new token, so a token planted
// before the login is worthless after it.
// authAt reads a session's login time as Unix nanoseconds; sessions begun
// before nanoseconds were kept hold seconds.
func authAt(v int64) int64 {
	if v < 1e14 {
		return v * 1e9
	}
	return v
}

func (s *Server) signIn(ctx context.Context, u *timeline.User, began time.Time) error {
	if err := s.sessions.RenewToken(ctx); err != nil {
		return err
	}
	s.sessions.Put(ctx, sessionUserKey, u.ID)
	s.sessions.Put(ctx, sessionAuthAtKey, began.UnixNano())
	return nil
}

func (s *Server) logout(w http.ResponseWriter, r *http.Request) {
	if err := s.sessions.Destroy(r.Context()); err != nil {
		s.error(w, r, err)
		return
	}
	setFlash(w, i18n.From(r.Context()).T("LoggedOut"))
	http.Redirect(w, r, "/", http.StatusSeeOther)
}

// SetupToken is the one-time link that creates the first admin of a new
// installation. It is valid for an hour and for one use.
type SetupToken struct {
	mu      sync.Mutex
	token   string
	expires time.Time
	used    bool
	claimed bool // a request is making the admin now
}

// NewSetupToken returns a fresh token valid for an hour from now.
func NewSetupToken(now time.Time) *SetupToken {
	return &SetupToken{token: randomToken(), expires: now.Add(time.Hour)}
}

// Path is where the link points.
func (t *SetupToken) Path() string { return "/setup/" + t.token }

func (t *SetupToken) valid(token string, now time.Time) bool {
	t.mu.Lock()
	defer t.mu.Unlock()
	return !t.used && now.Before(t.expires) && subtle.ConstantTimeCompare([]byte(token), []byte(t.token)) == 1
}

// claim gives the link to one request at a time, so that requests racing
// on it make one admin, not one each.
func (t *SetupToken) claim(token string, now time.Time) bool {
	t.mu.Lock()
	defer t.mu.Unlock()
	if t.used || t.claimed || !now.Before(t.expires) || subtle.ConstantTimeCompare([]byte(token), []byte(t.token)) != 1 {
		return false
	}
	t.claimed = true
	return true
}

// release ends a claim: the link is spent when the admin was made, and
// free again when what was typed was refused.
func (t *SetupToken) release(made bool) {
	t.mu.Lock()
	defer t.mu.Unlock()
	t.claimed = false
	t.used = t.used || made
}

func (s *Server) setupAllowed(r *http.Request) bool {
	if s.cfg.Setup == nil || !s.cfg.Setup.valid(chiParam(r, "token"), s.now()) {
		return false
	}
	n, err := s.store.CountUsers(r.Context())
	return err == nil && n == 0
}

func (s *Server) setupForm(w http.ResponseWriter, r *http.Request) {
	if !s.setupAllowed(r) {
		s.errorPage(w, r, http.StatusNotFound, i18n.From(r.Context()).T("SetupInvalid"))
		return
	}
	s.render(w, r, http.StatusOK, views.SetupPage(views.Setup{Path: r.URL.Path}))
}

func (s *Server) setup(w http.ResponseWriter, r *http.Request) {
	if !s.setupAllowed(r) {
		s.errorPage(w, r, http.StatusNotFound, i18n.From(r.Context()).T("SetupInvalidNow"))
		return
	}
	if err := parseForm(r); err != nil {
		s.error(w, r, err)
		return
	}
	page := views.Setup{Path: r.URL.Path, Username: r.PostForm.Get("username")}
	password := r.PostForm.Get("password")
	if password != r.PostForm.Get("password2") {
		page.Errors = map[string]string{"password2": i18n.From(r.Context()).T("SetupPasswordsDiffer")}
		s.render(w, r, http.StatusUnprocessableEntity, views.SetupPage(page))
		return
	}
	if !s.cfg.Setup.claim(chiParam(r, "token"), s.now()) {
		s.errorPage(w, r, http.StatusNotFound, "This setup link is not valid any more.")
		return
	}
	var u *timeline.User
	n, err := s.store.CountUsers(r.Context())
	if err == nil && n > 0 {
		err = timeline.Errorf(timeline.ECONFLICT, "dyad has an admin already.")
	}
	if err == nil {
		u, err = s.store.CreateUser(r.Context(), page.Username, password, timeline.RoleAdmin)
	}
	s.cfg.Setup.release(err == nil)
	if err != nil {
		if code := timeline.ErrorCode(err); code != timeline.EINVALID && code != timeline.ECONFLICT {
			s.error(w, r, err)
			return
		}
		page.Errors = fieldErrorsIn(i18n.From(r.Context()), err)
		if len(page.Errors) == 0 {
			s.errorPage(w, r, http.StatusNotFound, "This setup link is not valid any more.")
			return
		}
		s.render(w, r, http.StatusUnprocessableEntity, views.SetupPage(page))
		return
	}
	if err := s.signIn(r.Context(), u, s.now()); err != nil {
		s.error(w, r, err)
		return
	}
	setFlash(w, i18n.From(r.Context()).Tf("SetupWelcome", "Name", u.Name))
	http.Redirect(w, r, "/admin/users", http.StatusSeeOther)
}
