package views

import (
	"context"
	"sort"
	"strconv"

	"github.com/dyadhq/dyad/timeline"
)

// ErasPage is a country's eras page: the list, and for editors the form to
// add one (or edit one, when Form.ID is set) and the CSV import.
type ErasPage struct {
	Country timeline.Country
	Eras    []*timeline.Era
	Form    EraForm
	// Errors are the form's problems by field, in the reader's language.
	Errors map[string]string
	// ImportProblems are the lines of an import that failed, ready to show.
	ImportProblems []string
}

// EraForm is what the era form holds, as typed.
type EraForm struct {
	ID                           int64
	From, To, Name, NameAR, Kind string
}

// EraFormOf fills the form with e.
func EraFormOf(e *timeline.Era) EraForm {
	return EraForm{ID: e.ID, From: e.From.String(), To: e.To.String(), Name: e.Name, NameAR: e.NameAR, Kind: string(e.Kind)}
}

func (p ErasPage) base() string { return "/countries/" + p.Country.Slug() + "/eras" }

func (p ErasPage) formAction() string {
	if p.Form.ID != 0 {
		return p.base() + "/" + strconv.FormatInt(p.Form.ID, 10)
	}
	return p.base()
}

func (p ErasPage) editURL(e *timeline.Era) string {
	return p.base() + "/" + strconv.FormatInt(e.ID, 10) + "/edit"
}

func (p ErasPage) deleteURL(e *timeline.Era) string {
	return p.base() + "/" + strconv.FormatInt(e.ID, 10) + "/delete"
}

// eraEnd is the end of an era as the list shows it: its date, or "ongoing".
func eraEnd(ctx context.Context, e *timeline.Era) string {
	if e.Ongoing() {
		return tr(ctx, "EraOngoing")
	}
	return loc(ctx).Date(e.To)
}

func eraKindLabel(ctx context.Context, k timeline.EraKind) string {
	if k == "" {
		return ""
	}
	return tr(ctx, "EraKind_"+string(k))
}

// eraFieldOrder lists the form's fields in the order they are shown.
var eraFieldOrder = []string{"from", "to", "name", "name_ar", "kind", "country"}

func eraErrorKeys(errs map[string]string) []string {
	var out []string
	for _, k := range eraFieldOrder {
		if _, ok := errs[k]; ok {
			out = append(out, k)
		}
	}
	rest := []string{}
	for k := range errs {
		found := false
		for _, o := range eraFieldOrder {
			found = found || o == k
		}
		if !found {
			rest = append(rest, k)
		}
	}
	sort.Strings(rest)
	return append(out, rest...)
}

func eraFieldLabel(ctx context.Context, k string) string {
	switch k {
	case "from", "to", "name", "name_ar", "kind":
		return tr(ctx, "EraField_"+k)
	}
	return tr(ctx, "EraField_country")
}

func eraDescribedBy(field, hint, msg string) string {
	out := ""
	if hint != "" {
		out = "h-era-" + field
	}
	if msg != "" {
		if out != "" {
			out += " "
		}
		out += "e-era-" + field
	}
	return out
}
