package timeline

import (
	"errors"
	"fmt"
	"sort"
	"strconv"
	"strings"
)

// Error codes. Every error the services return to a caller carries one of
// these; the web layer maps them to statuses, the CLI to messages.
const (
	ECONFLICT     = "conflict"
	EINTERNAL     = "internal"
	EINVALID      = "invalid"
	ENOTFOUND     = "not_found"
	EUNAUTHORIZED = "unauthorized"
	ETOOLARGE     = "too_large"
	// EUNAVAILABLE: the work could not start in time (another writer
	// holds the database); the same request may succeed in a moment.
	EUNAVAILABLE = "unavailable"
)

// Error is an error meant for the person using dyad: Message is safe to show.
// Fields, when set, holds messages for individual form fields.
//
// Message and Fields are English, for the command line, logs and the API.
// Msg and Problems, when set, say the same by message id and values, for an
// interface that writes them in its reader's language.
type Error struct {
	Code     string
	Message  string
	Fields   map[string]string
	Msg      Msg
	Problems map[string]Msg
}

// Msg is a message for people by id, with its values as name, value pairs
// ("Value", "abc", "Count", 3), so that an interface in another language can
// write it from its own catalog. Values are strings as typed (quoted when
// shown, so the templates have no quotes of their own), ints, Dates,
// Countries, LanguageTags or other Msgs (a noun such as "The title"); an
// interface writes each in its reader's way. The ids and their English are in
// englishText; the web interface's catalog has them too, in both languages.
type Msg struct {
	ID   string
	Args []any
}

// IsZero reports whether m names no message.
func (m Msg) IsZero() bool { return m.ID == "" }

// Arg is the value named name, nil when there is none.
func (m Msg) Arg(name string) any {
	for i := 0; i+1 < len(m.Args); i += 2 {
		if m.Args[i] == name {
			return m.Args[i+1]
		}
	}
	return nil
}

// English writes m as the command line and the API show it.
func (m Msg) English() string {
	text, ok := englishText[m.ID]
	if !ok {
		return m.ID
	}
	if one, ok := englishOne[m.ID]; ok && m.Arg("Count") == 1 {
		text = one
	}
	for i := 0; i+1 < len(m.Args); i += 2 {
		name, _ := m.Args[i].(string)
		text = strings.ReplaceAll(text, "{{."+name+"}}", englishValue(m.Args[i+1]))
	}
	return text
}

func englishValue(v any) string {
	switch v := v.(type) {
	case string:
		return strconv.Quote(v) // a value as typed, quoted, invisible characters shown
	case int:
		return strconv.Itoa(v)
	case Date:
		return v.Format()
	case Country:
		return v.Name()
	case Msg:
		return v.English()
	case LanguageTag:
		return LanguageName(string(v))
	}
	return fmt.Sprint(v)
}

// LanguageTag is a BCP 47 tag as a message's value: the name of its
// language, which an interface writes in its reader's language.
type LanguageTag string

// MessageIDs lists the ids of the messages Msg can carry, for tests that
// check an interface's catalog has every one.
func MessageIDs() []string {
	ids := make([]string, 0, len(englishText))
	for id := range englishText {
		ids = append(ids, id)
	}
	sort.Strings(ids)
	return ids
}

// EnglishTemplate is the English of message id with its {{.Name}} places,
// for the same tests; "" for an unknown id.
func EnglishTemplate(id string) string { return englishText[id] }

// Invalid returns an EINVALID *Error saying m.
func Invalid(id string, args ...any) *Error {
	m := Msg{ID: id, Args: args}
	return &Error{Code: EINVALID, Message: m.English(), Msg: m}
}

func (e *Error) Error() string {
	return fmt.Sprintf("dyad error: code=%s message=%s", e.Code, e.Message)
}

// Errorf returns an *Error with the given code and a formatted message.
func Errorf(code, format string, args ...any) *Error {
	return &Error{Code: code, Message: fmt.Sprintf(format, args...)}
}

// ErrorCode returns the code of the first *Error in err's chain, EINTERNAL
// for any other non-nil error and "" for nil.
func ErrorCode(err error) string {
	var e *Error
	if err == nil {
		return ""
	} else if errors.As(err, &e) {
		return e.Code
	}
	return EINTERNAL
}

// ErrorMessage returns the human message of err, or a generic one for
// internal errors whose text must not reach users.
func ErrorMessage(err error) string {
	var e *Error
	if err == nil {
		return ""
	} else if errors.As(err, &e) {
		return e.Message
	}
	return "Something went wrong on our side."
}

// ErrorMsg returns the message of err by id, zero when it has none.
func ErrorMsg(err error) Msg {
	var e *Error
	if errors.As(err, &e) {
		return e.Msg
	}
	return Msg{}
}

// FieldProblems returns the per-field messages of err by id, if any; a
// field of FieldErrors may lack one (its English is then all there is).
func FieldProblems(err error) map[string]Msg {
	var e *Error
	if errors.As(err, &e) {
		return e.Problems
	}
	return nil
}

// FieldErrors returns the per-field messages of err, if any.
func FieldErrors(err error) map[string]string {
	var e *Error
	if errors.As(err, &e) {
		return e.Fields
	}
	return nil
}

// Describe returns the message of err followed by its field messages, in a
// stable order, for places that have no form to show them beside (the CLI,
// logs, import reports).
func Describe(err error) string {
	msg := ErrorMessage(err)
	fields := FieldErrors(err)
	keys := make([]string, 0, len(fields))
	for k := range fields {
		keys = append(keys, k)
	}
	sort.Strings(keys)
	for _, k := range keys {
		msg += " " + k + ": " + fields[k]
	}
	return msg
}

// englishOne is the English of the messages whose count may be one, for one.
var englishOne = map[string]string{
	"FieldsNeedAttention": "One field needs attention.",
}

// englishText is the English of every message a Msg names, by id, with
// named values in {{.Name}}. Messages with a Count have the form for a
// count other than one (the counts are limits and lengths, never one), and
// those that may count one have that form in englishOne.
var englishText = map[string]string{
	"FieldsNeedAttention": "{{.Count}} fields need attention.",

	"WhatTitle":         "The title",
	"WhatDescription":   "The description",
	"WhatLocation":      "The location",
	"WhatTag":           "A tag",
	"WhatName":          "The name",
	"WhatRole":          "The role",
	"WhatPublisher":     "The publisher",
	"WhatExcerpt":       "The excerpt",
	"WhatTitleIn":       "The title in {{.Language}}",
	"WhatDescriptionIn": "The description in {{.Language}}",

	"TextLangMissing":  "Say which language the text is in (a BCP 47 tag such as ar or en).",
	"TextTwice":        "The event has two texts in {{.Language}}.",
	"TextTitleMissing": "Give the title in {{.Language}} too, or clear its description.",
	"TextsMax":         "At most {{.Count}} languages besides the main text.",

	"TextNotUTF8":  "{{.What}} contains bytes that are not valid UTF-8 text.",
	"TextTooLong":  "{{.What}} is {{.Count}} characters long; the limit is {{.Max}}.",
	"TextControl":  "{{.What}} contains control characters.",
	"TitleMissing": "Give the event a title.",

	"UserNameMissing":    "Choose a user name.",
	"UserNameLong":       "A user name has at most {{.Max}} characters.",
	"UserNameCharacters": "A user name has letters, digits, dots, hyphens and underscores only.",
	"RoleUnknown":        "The role is viewer, editor or admin.",
	"PasswordNotText":    "The password is not valid text.",
	"PasswordShort":      "A password has at least {{.Min}} characters.",
	"PasswordLong":       "A password has at most {{.Max}} characters.",

	"DateMissing":    "Give the date, as precisely as it is known: 2025-10-15, 2025-10, 2025 or 1970s.",
	"DateNotValid":   "The date is not valid.",
	"EndNotValid":    "The end date is not valid.",
	"EndBeforeStart": "The end ({{.End}}) is before the start ({{.Start}}).",
	"KindMissing":    "Choose what kind of event this is.",
	"HighLevelValue": `{{.Value}}: a visit is high-level "yes", "no", or left empty to be decided from the roles.`,
	"CountryCode":    `{{.Value}} is not an ISO 3166-1 country code.`,
	"CountryTwice":   "{{.Country}} is listed twice.",
	"CountriesTwo":   "An event involves at least two different countries.",
	"CountriesMax":   "At most {{.Count}} countries can be involved.",
	"InitiatorOut":   "The initiator must be one of the countries involved.",
	"TagCharacters":  `The tag {{.Value}} contains a comma, semicolon, bar or backslash; tags are single words or short phrases.`,
	"TagsMax":        "At most {{.Count}} tags.",
	"ActorName":      "Give the person's name, or clear the row.",
	"ActorsMax":      "At most {{.Count}} actors.",
	"SourceTwice":    "This source is already cited above.",
	"SourcesMax":     "At most {{.Count}} sources.",
	"URLMissing":     "Give the address (URL) of the source, or clear the row.",
	"URLTooLong":     "The address is longer than {{.Count}} characters.",
	"URLCharacters":  "The address contains spaces or characters that cannot be in a URL.",
	"URLNotWeb":      "Give a full web address starting with http:// or https://.",
	"URLUserInfo":    "The address has a user name before its host (…@host); give the article's plain address.",
	"LanguageTag":    `{{.Value}} is not a language tag; use a BCP 47 tag such as ar, en or fr.`,
	"PublishedDate":  "The publication date is not valid.",
	"RetrievedDate":  "The retrieval date is not valid.",

	"DateUnknown": `{{.Value}} is not a date dyad understands: write it as 2025-10-15, 2025-10, 2025 or 1970s (or 15 October 2025, 24/12/2025, ٢٤ كانون الأول ٢٠٢٥); a day and month need their year.`,
	"DateYear":    `The year in {{.Value}} must be between {{.Min}} and {{.Max}}.`,
	"DateNoDay":   `{{.Value}} is not a day of the calendar: {{.Month}} has {{.Count}} days.`,
}
