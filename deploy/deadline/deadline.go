// Package deadline bounds an executor's run and says, in words, why it
// ended: "timed out after 10m" or "was stopped: context canceled".
package deadline

import (
	"context"
	"errors"
	"fmt"
	"strings"
	"time"
)

// timeoutError is the cause of a run's end when its timeout passed.
type timeoutError struct{ d time.Duration }

func (e timeoutError) Error() string { return "timed out after " + Format(e.d) }
func (e timeoutError) Unwrap() error { return context.DeadlineExceeded }

// TimedOut returns the error of a run that timed out after d: its message
// is "timed out after d" and it wraps context.DeadlineExceeded, like the
// cause of a context from WithTimeout.
func TimedOut(d time.Duration) error { return timeoutError{d} }

// WithTimeout returns a context that ends after d, whose cause says so.
func WithTimeout(ctx context.Context, d time.Duration) (context.Context, context.CancelFunc) {
	return context.WithTimeoutCause(ctx, d, timeoutError{d})
}

// Ended says why ctx ended: "timed out after 10m", or "was stopped: "
// followed by the cause, which the error wraps.
func Ended(ctx context.Context) error {
	cause := context.Cause(ctx)
	var te timeoutError
	if errors.As(cause, &te) {
		return cause
	}
	return fmt.Errorf("was stopped: %w", cause)
}

// Format writes d without zero trailing units: 10m, 1h, 1m30s.
func Format(d time.Duration) string {
	s := d.String()
	if strings.HasSuffix(s, "m0s") {
		s = strings.TrimSuffix(s, "0s")
	}
	if strings.HasSuffix(s, "h0m") {
		s = strings.TrimSuffix(s, "0m")
	}
	return s
}

// Sleep waits for d or until ctx ends.
func Sleep(ctx context.Context, d time.Duration) error {
	t := time.NewTimer(d)
	defer t.Stop()
	select {
	case <-ctx.Done():
		return ctx.Err()
	case <-t.C:
		return nil
	}
}
