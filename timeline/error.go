package timeline

import (
	"errors"
	"fmt"
	"sort"
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
type Error struct {
	Code    string
	Message string
	Fields  map[string]string
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
