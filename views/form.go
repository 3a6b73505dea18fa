package views

import (
	"github.com/a-h/templ"
	"sort"
	"strconv"
	"strings"

	"github.com/dyadhq/dyad/timeline"
)

// fieldID turns a validation key such as "sources.1.url" into the id of its
// input, "f-sources-1-url".
func fieldID(key string) string { return "f-" + strings.ReplaceAll(key, ".", "-") }

func rowKey(group string, i int, field string) string {
	return group + "." + strconv.Itoa(i) + "." + field
}

func invalid(errs map[string]string, key string) string {
	if _, ok := errs[key]; ok {
		return "invalid"
	}
	return ""
}

func ariaInvalid(errs map[string]string, key string) string {
	if _, ok := errs[key]; ok {
		return "true"
	}
	return "false"
}

// describedBy lists the ids of the hint and the error message of a field.
// describedByAttr is aria-describedby, left out when nothing describes the
// field (an empty list of ids is invalid HTML).
func describedByAttr(errs map[string]string, key, hint string) templ.Attributes {
	if ids := describedBy(errs, key, hint); ids != "" {
		return templ.Attributes{"aria-describedby": ids}
	}
	return templ.Attributes{}
}

func describedBy(errs map[string]string, key, hint string) string {
	ids := []string{}
	if hint != "" {
		ids = append(ids, hint)
	}
	if _, ok := errs[key]; ok {
		ids = append(ids, "e-"+fieldID(key))
	}
	return strings.Join(ids, " ")
}

// sortedKeys orders field keys the way the form shows them.
func sortedKeys(errs map[string]string) []string {
	order := map[string]int{"title": 0, "date": 1, "end": 2, "kind": 3, "location": 4, "description": 5, "tags": 6,
		"countries": 7, "initiator": 8, "actors": 9, "sources": 10}
	rank := func(k string) int {
		if r, ok := order[strings.SplitN(k, ".", 2)[0]]; ok {
			return r
		}
		return len(order)
	}
	keys := make([]string, 0, len(errs))
	for k := range errs {
		keys = append(keys, k)
	}
	sort.Slice(keys, func(i, j int) bool {
		if ri, rj := rank(keys[i]), rank(keys[j]); ri != rj {
			return ri < rj
		}
		return keys[i] < keys[j]
	})
	return keys
}

// involvedCountries is the valid codes among those chosen on the form.
func involvedCountries(codes []string) []timeline.Country {
	var out []timeline.Country
	for _, s := range codes {
		if c, err := timeline.ParseCountry(s); err == nil && !containsCountry(out, c) {
			out = append(out, c)
		}
	}
	return out
}

func containsCountry(cs []timeline.Country, c timeline.Country) bool {
	for _, x := range cs {
		if x == c {
			return true
		}
	}
	return false
}

// fieldLabel names a field key for the list of problems: "Source 2,
// published".
func fieldLabel(key string) string {
	parts := strings.Split(key, ".")
	names := map[string]string{"title": "Title", "date": "Date", "end": "End date", "kind": "Kind", "location": "Location",
		"description": "Description", "tags": "Tags", "countries": "Countries", "initiator": "Initiator",
		"name": "name", "role": "role", "country": "country code", "url": "address", "archive_url": "archived copy",
		"published": "published", "retrieved": "retrieved", "language": "language", "publisher": "publisher", "excerpt": "excerpt"}
	if len(parts) == 3 {
		n, _ := strconv.Atoi(parts[1])
		group := map[string]string{"actors": "Actor", "sources": "Source"}[parts[0]]
		return group + " " + strconv.Itoa(n+1) + ", " + names[parts[2]]
	}
	if n, ok := names[key]; ok {
		return n
	}
	return key
}

func countryLabel(i int) string {
	switch i {
	case 0:
		return "First country"
	case 1:
		return "Second country"
	}
	return "Another country (optional)"
}

func cameoSuffix(k timeline.KindInfo) string {
	if k.CAMEO == "" {
		return ""
	}
	return " (" + k.CAMEO + ")"
}
