package web

import (
	"regexp"
	"strings"
	"testing"

	"github.com/dyadhq/dyad/i18n"
	"github.com/dyadhq/dyad/timeline"
)

// sampleMsg is message id with a value of the right type for each of its
// places.
func sampleMsg(id string) timeline.Msg {
	m := timeline.Msg{ID: id}
	for _, p := range regexp.MustCompile(`\{\{\.(\w+)\}\}`).FindAllStringSubmatch(timeline.EnglishTemplate(id), -1) {
		var v any
		switch p[1] {
		case "Count":
			v = 12
		case "Max", "Min":
			v = 200
		case "End", "Start":
			v = timeline.MustParseDate("2025-12-23")
		case "Month":
			v = timeline.MustParseDate("2023-02")
		case "Country":
			v = timeline.Country("SY")
		case "What":
			v = timeline.Msg{ID: "WhatTitle"}
		case "Language":
			v = timeline.LanguageTag("ar")
		default:
			v = "x\u202e"
		}
		m.Args = append(m.Args, p[1], v)
	}
	return m
}

// TestDomainMessagesInCatalog: every message the domain can give has its
// text in both languages, the web's English is the domain's (which the
// command line and the API show), and the Arabic has every value.
func TestDomainMessagesInCatalog(t *testing.T) {
	en, ar := i18n.Locale{Lang: i18n.English}, i18n.Locale{Lang: i18n.Arabic, Prefs: i18n.DefaultPrefs}
	unisolated := strings.NewReplacer("\u2068", "", "\u2069", "")
	for _, id := range timeline.MessageIDs() {
		t.Run(id, func(t *testing.T) {
			m := sampleMsg(id)
			if got, want := unisolated.Replace(en.Msg(m, "")), m.English(); got != want {
				t.Fatalf("web English %q, domain English %q", got, want)
			}
			got := ar.Msg(m, "")
			if got == "" || got == m.English() || !strings.ContainsFunc(got, func(r rune) bool { return r >= 'ء' && r <= 'ي' }) {
				t.Fatalf("Arabic %q", got)
			}
			for _, want := range []string{"«\u2068x\\u202e\u2069»", "12", "200", "23 كانون الأول 2025", "شباط 2023", "سوريا", "العنوان", "العربية"} {
				if strings.Contains(m.English(), englishOf(want)) && !strings.Contains(got, want) {
					t.Errorf("Arabic %q lacks %q", got, want)
				}
			}
		})
	}
}

// englishOf is how the domain's English writes the sample values.
func englishOf(arabic string) string {
	return map[string]string{"«\u2068x\\u202e\u2069»": `"x\u202e"`, "12": "12", "200": "200", "23 كانون الأول 2025": "23 December 2025",
		"شباط 2023": "February 2023", "سوريا": "Syria", "العنوان": "The title", "العربية": "Arabic"}[arabic]
}
