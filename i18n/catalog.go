package i18n

import (
	"embed"
	"fmt"
	"io/fs"
	"strings"
	"sync"

	"github.com/BurntSushi/toml"
	goi18n "github.com/nicksnyder/go-i18n/v2/i18n"
	"golang.org/x/text/language"
)

//go:embed messages
var messageFiles embed.FS

// catalog is the loaded message files. Messages without plural forms or
// template values are also kept in plain maps, so the many short labels a
// long page prints cost a map lookup each.
type catalog struct {
	bundle *goi18n.Bundle
	plain  map[Lang]map[string]string
	ids    map[Lang]map[string]*goi18n.MessageTemplate
	loc    map[Lang]*goi18n.Localizer
}

var loadCatalog = sync.OnceValue(func() *catalog {
	c, err := newCatalog()
	if err != nil {
		panic(err) // the files are embedded: a broken one is a build error, caught by the tests
	}
	return c
})

func newCatalog() (*catalog, error) {
	b := goi18n.NewBundle(language.English)
	b.RegisterUnmarshalFunc("toml", toml.Unmarshal)
	c := &catalog{
		bundle: b,
		plain:  map[Lang]map[string]string{},
		ids:    map[Lang]map[string]*goi18n.MessageTemplate{},
		loc:    map[Lang]*goi18n.Localizer{},
	}
	for _, l := range Langs {
		c.plain[l] = map[string]string{}
		c.ids[l] = map[string]*goi18n.MessageTemplate{}
		c.loc[l] = goi18n.NewLocalizer(b, string(l))
	}
	files, err := fs.Glob(messageFiles, "messages/*.toml")
	if err != nil {
		return nil, err
	}
	for _, name := range files {
		data, err := messageFiles.ReadFile(name)
		if err != nil {
			return nil, err
		}
		f, err := b.ParseMessageFileBytes(data, name)
		if err != nil {
			return nil, fmt.Errorf("%s: %w", name, err)
		}
		l, ok := ParseLang(f.Tag.String())
		if !ok {
			return nil, fmt.Errorf("%s: not a language of the interface: %s", name, f.Tag)
		}
		for _, m := range f.Messages {
			if _, dup := c.ids[l][m.ID]; dup {
				return nil, fmt.Errorf("%s: message %s is defined twice", name, m.ID)
			}
			c.ids[l][m.ID] = goi18n.NewMessageTemplate(m)
			if m.One == "" && m.Two == "" && m.Few == "" && m.Many == "" && m.Zero == "" && !strings.Contains(m.Other, "{{") {
				c.plain[l][m.ID] = m.Other
			}
		}
	}
	return c, nil
}

// text returns message id in l, falling back to English and then to the id
// itself, so a missing message shows as its name rather than as nothing.
func (c *catalog) text(l Lang, id string, count any, data map[string]any) string {
	if count == nil && data == nil {
		if s, ok := c.plain[l][id]; ok {
			return s
		}
	}
	for _, lang := range []Lang{l, English} {
		if _, ok := c.ids[lang][id]; !ok {
			continue
		}
		s, err := c.loc[lang].Localize(&goi18n.LocalizeConfig{MessageID: id, PluralCount: count, TemplateData: data})
		if err == nil {
			return s
		}
	}
	return id
}
