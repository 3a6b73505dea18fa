package views

import (
	"context"
	"strconv"
	"strings"
	"time"

	"github.com/dyadhq/dyad/exchange"
	"github.com/dyadhq/dyad/i18n"
	"github.com/dyadhq/dyad/timeline"
)

// Helpers of the home, import, account, history and article pages, in the
// reader's language.

// whenUTC writes an instant as the pages of record show it: "2 January
// 2006 at 15:04 UTC", "2 كانون الثاني 2006، الساعة 15:04 (UTC)".
func whenUTC(ctx context.Context, t time.Time) string {
	l := loc(ctx)
	t = t.UTC()
	return l.Tf("AtTimeUTC", "Date", dayOf(ctx, t), "Time", l.Digits(t.Format("15:04")))
}

// dayOf writes the day of an instant (UTC) in the reader's language.
func dayOf(ctx context.Context, t time.Time) string {
	t = t.UTC()
	return loc(ctx).Date(timeline.Date{Year: t.Year(), Month: t.Month(), Day: t.Day(), Precision: timeline.Day})
}

// pairLink is a pair's timeline, in the reader's language.
func pairLink(ctx context.Context, p timeline.Pair) string { return hrefString(ctx, p.Path()) }

// num writes n in the reader's digits, in groups of three from 10,000 up.
func num(ctx context.Context, n int) string {
	s := strconv.Itoa(n)
	if n < 10000 {
		return loc(ctx).Digits(s)
	}
	var b strings.Builder
	for i, r := range s {
		if i > 0 && (len(s)-i)%3 == 0 {
			b.WriteByte(',')
		}
		b.WriteRune(r)
	}
	return loc(ctx).Digits(b.String())
}

// sizeText is a byte size in the reader's language: "64 MiB".
func sizeText(ctx context.Context, n int64) string {
	l := loc(ctx)
	if n >= 1<<20 {
		return l.Tf("SizeMiB", "N", l.Digits(strconv.FormatInt(n>>20, 10)))
	}
	return l.Tf("SizeKiB", "N", l.Digits(strconv.FormatInt(n>>10, 10)))
}

// quoted puts quotation marks around s as the reader's language does:
// "date", «date».
func quoted(ctx context.Context, s string) string { return loc(ctx).Tf("Quoted", "Text", s) }

// rowProblemsOf is a rejected row's problems, column by column.
func rowProblemsOf(ctx context.Context, ps []timeline.Problem) string {
	var out []string
	for _, p := range ps {
		if p.Column != "" {
			out = append(out, loc(ctx).Tf("ProblemInColumn", "Column", p.Column, "Message", problemText(ctx, p)))
		} else {
			out = append(out, problemText(ctx, p))
		}
	}
	return strings.Join(out, " ")
}

// fieldHelp explains an import field's values; dyad's field names are the
// keys.
func fieldHelp(ctx context.Context, f exchange.ImportField) []helpPart {
	if s := loc(ctx).T("ImportFieldHelp_" + f.Name); s != "ImportFieldHelp_"+f.Name {
		return helpParts(s)
	}
	return helpParts(f.Help)
}

// countWord is the id of an import count's word: its future form ("would
// update") in a preview, which has done nothing yet.
func countWord(id string, dry bool) string {
	if dry {
		return strings.Replace(id, "Import", "ImportWould", 1)
	}
	return id
}

// fieldName names an import field in the column mapping: in the reader's
// words, with the name a file's header would use when they differ
// ("التاريخ (date)").
func fieldName(ctx context.Context, name string) string {
	id := "ImportFieldName_" + name
	label := loc(ctx).T(id)
	if label == id || label == name {
		return name
	}
	return label + " (" + name + ")"
}

// helpPart is a piece of a help text: words, or a literal value a file
// must contain, which the catalog marks `so` and the page shows as code.
type helpPart struct {
	Text string
	Code bool
}

func helpParts(s string) []helpPart {
	var out []helpPart
	for i, p := range strings.Split(s, "`") {
		if p != "" {
			out = append(out, helpPart{p, i%2 == 1})
		}
	}
	return out
}

// actionText names what a revision did.
func actionText(ctx context.Context, action string) string {
	if s := loc(ctx).T("Action_" + action); s != "Action_"+action {
		return s
	}
	return action
}

// changeLabel names a changed field by its name in the model: "date",
// "source 2 title".
func changeLabel(ctx context.Context, c timeline.Change) string {
	l := loc(ctx)
	if s := l.T("Field_" + c.Field); s != "Field_"+c.Field {
		return s
	}
	for _, f := range []string{"title", "description"} {
		if lang, ok := strings.CutPrefix(c.Field, f+" "); ok {
			return l.Tf("Field_"+f+"_in", "Lang", languageIn(ctx, lang))
		}
	}
	if rest, ok := strings.CutPrefix(c.Field, "source "); ok {
		if n, part, ok := strings.Cut(rest, " "); ok {
			if i, err := strconv.Atoi(n); err == nil {
				if s := l.Tf("FieldSource_"+part, "N", l.Number(i)); s != "FieldSource_"+part {
					return s
				}
			}
		}
	}
	return c.Label
}

// roleName is a role in the reader's language.
func roleName(ctx context.Context, r timeline.Role) string { return loc(ctx).T("Role_" + string(r)) }

// jobMessage is what a job's record says about how it ended: a message id
// of the catalog (the web's own messages), or a message from the store or
// the importer, shown as it is.
func jobMessage(ctx context.Context, m string) string {
	if m == "" {
		return ""
	}
	return loc(ctx).T(m)
}

// sparkText describes a pair's bars of events per year for screen readers.
func sparkText(ctx context.Context, s timeline.PairSummary) string {
	l := loc(ctx)
	if len(s.PerYear) == 0 {
		return l.T("HomeSparkNone")
	}
	busiest := s.PerYear[0]
	for _, y := range s.PerYear {
		if y.Count > busiest.Count {
			busiest = y
		}
	}
	return l.N("HomeSpark", busiest.Count, "From", l.Number(s.PerYear[0].Year), "To", l.Number(s.PerYear[len(s.PerYear)-1].Year),
		"Busiest", l.Number(busiest.Year))
}

// WhenUTC writes an instant as the pages of record show it, for the
// notices handlers leave.
func WhenUTC(ctx context.Context, t time.Time) string { return whenUTC(ctx, t) }

// What an import job's record says about how it ended, when the web said
// it: message ids, kept in the record and written in the reader's language
// when shown (jobMessage). Messages from the store or the importer are
// kept as they are.
const (
	JobNotDecided    = "ImportJobNotDecided"
	JobFailedOurSide = "ImportJobFailedOurSide"
	JobUploadGone    = "ImportJobUploadGone"
	JobMapColumns    = "ImportJobMapColumns"
)

// languageIn names a BCP 47 language for the reader: the interface's own
// languages by their names in the reader's language, any other by its tag.
func languageIn(ctx context.Context, tag string) string {
	if l, ok := i18n.ParseLang(tag); ok && !strings.Contains(tag, "-") {
		return loc(ctx).T("LanguageName_" + string(l))
	}
	return tag
}

// problemText is an import problem's message in the reader's language, when
// the importer gave its id; the importer's English otherwise.
func problemText(ctx context.Context, p timeline.Problem) string {
	return loc(ctx).Msg(p.Msg, p.Message)
}
