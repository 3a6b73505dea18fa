package web

import (
	"fmt"
	"html"
	"net/http"
	"net/url"
	"regexp"
	"strconv"
	"strings"

	"github.com/dyadhq/dyad/i18n"
	"github.com/dyadhq/dyad/timeline"
)

// The size of the embed's frame when the consumer sets no maximum.
const (
	oembedWidth  = 720
	oembedHeight = 600
)

// oembedPath is a pair's page or its embed, whose address oEmbed takes.
var oembedPath = regexp.MustCompile(`^/pairs/([^/]+)/([^/]+?)(/embed)?/?$`)

type oembedResponse struct {
	Type         string `json:"type"`
	Version      string `json:"version"`
	Title        string `json:"title"`
	ProviderName string `json:"provider_name"`
	ProviderURL  string `json:"provider_url"`
	HTML         string `json:"html"`
	Width        int    `json:"width"`
	Height       int    `json:"height"`
}

// oembed answers https://oembed.com/ requests for the pages of pairs, so a
// CMS embeds a timeline from its address: a "rich" response whose html is
// the <iframe> of the pair's embed, with the page's filters and range.
func (s *Server) oembed(w http.ResponseWriter, r *http.Request) {
	q := r.URL.Query()
	fail := func(st int, msg string) { writeJSON(w, st, apiError{Error: msg}) }
	switch q.Get("format") {
	case "", "json":
	default:
		fail(http.StatusNotImplemented, "Only format=json is supported.")
		return
	}
	raw := q.Get("url")
	if raw == "" {
		fail(http.StatusBadRequest, "url is the address of a pair's page.")
		return
	}
	base := s.baseURL(r)
	b, _ := url.Parse(base)
	u, err := url.Parse(raw)
	if err != nil || (u.Scheme != "http" && u.Scheme != "https") || !strings.EqualFold(u.Host, b.Host) {
		fail(http.StatusNotFound, "This address is not a page of this dyad.")
		return
	}
	m := oembedPath.FindStringSubmatch(u.Path)
	if m == nil {
		fail(http.StatusNotFound, "This address is not the page of a pair.")
		return
	}
	p, err := timeline.ResolvePair(m[1], m[2])
	if err != nil {
		fail(http.StatusNotFound, timeline.ErrorMessage(err))
		return
	}
	// Parameters that do not parse are left out, as the page leaves them.
	v, _ := timeline.ParseView(p, u.Query())
	width, height := oembedWidth, oembedHeight
	for _, lim := range []struct {
		name string
		dst  *int
	}{{"maxwidth", &width}, {"maxheight", &height}} {
		if s := q.Get(lim.name); s != "" {
			n, err := strconv.Atoi(s)
			if err != nil || n < 1 {
				fail(http.StatusBadRequest, lim.name+" is a number of pixels.")
				return
			}
			*lim.dst = min(*lim.dst, n)
		}
	}
	eq := v.FilterQuery()
	loc := i18n.Locale{Lang: i18n.English}
	if l, ok := i18n.ParseLang(u.Query().Get("lang")); ok {
		loc.Lang = l
		eq.Set("lang", string(l))
	}
	src := base + p.Path() + "/embed"
	if len(eq) > 0 {
		src += "?" + eq.Encode()
	}
	title := loc.Tf("EmbedTitle", "A", loc.Country(p.A), "B", loc.Country(p.B))
	frame := fmt.Sprintf(`<iframe src="%s" width="%d" height="%d" title="%s" loading="lazy" style="border:0;max-width:100%%"></iframe>`,
		html.EscapeString(src), width, height, html.EscapeString(title))
	writeJSON(w, http.StatusOK, oembedResponse{
		Type: "rich", Version: "1.0", Title: title, ProviderName: "dyad", ProviderURL: base + "/",
		HTML: frame, Width: width, Height: height,
	})
}

// oembedHref is the discovery address of the page of view v: what the
// pair page's <link rel="alternate" type="application/json+oembed"> names.
func (s *Server) oembedHref(r *http.Request, v timeline.View) string {
	base := s.baseURL(r)
	return base + "/oembed?format=json&url=" + url.QueryEscape(base+v.WithEvent(0).WithPage(1).URL())
}
