package deploybot

import (
	"errors"
	"fmt"
)

// Error codes. A code says what kind of failure it is; the message says, to a
// user, what to do about it.
const (
	ECONFLICT  = "conflict"  // the action conflicts with the current state
	EFORBIDDEN = "forbidden" // the user may not do this
	EINTERNAL  = "internal"  // the system failed; details are logged, not shown
	EINVALID   = "invalid"   // the request is malformed
	ENOTFOUND  = "not_found" // the thing named does not exist
)

// Error is an error meant for the user: its Message is shown as is.
// Any other error is logged and shown as an internal error with a reference.
type Error struct {
	Code    string
	Message string // in English
	French  string // the same message in French, when the error has one
}

func (e *Error) Error() string {
	return fmt.Sprintf("deploybot error: code=%s message=%s", e.Code, e.Message)
}

// Errorf returns an *Error with code and a formatted message.
func Errorf(code, format string, args ...any) *Error {
	return &Error{Code: code, Message: fmt.Sprintf(format, args...)}
}

// ErrorCode returns the code of err if it is (or wraps) an *Error, EINTERNAL
// for any other non-nil error, and "" for nil.
func ErrorCode(err error) string {
	var e *Error
	if err == nil {
		return ""
	} else if errors.As(err, &e) {
		return e.Code
	}
	return EINTERNAL
}

// ErrorMessage returns the user-facing message of err if it is (or wraps) an
// *Error, and a generic text otherwise.
func ErrorMessage(err error) string {
	var e *Error
	if err == nil {
		return ""
	} else if errors.As(err, &e) {
		return e.Message
	}
	return "internal error"
}

// Errorf2 returns an *Error with code and a message in French and in
// English, formatted with the same arguments.
func Errorf2(code, fr, en string, args ...any) *Error {
	return &Error{Code: code, Message: fmt.Sprintf(en, args...), French: fmt.Sprintf(fr, args...)}
}

// ErrorMessageIn returns the user-facing message of err in lang when the
// error has it, else as ErrorMessage does.
func ErrorMessageIn(err error, lang Lang) string {
	var e *Error
	if lang == French && errors.As(err, &e) && e.French != "" {
		return e.French
	}
	return ErrorMessage(err)
}
