package deadline_test

import (
	"context"
	"errors"
	"fmt"
	"strings"
	"testing"
	"time"

	"deploybot/deploy/deadline"
)

func TestFormatDuration(t *testing.T) {
	tests := []struct {
		in   time.Duration
		want string
	}{
		{10 * time.Minute, "10m"},
		{time.Hour, "1h"},
		{90 * time.Minute, "1h30m"},
		{90 * time.Second, "1m30s"},
		{time.Hour + time.Second, "1h0m1s"},
		{45 * time.Second, "45s"},
		{20 * time.Millisecond, "20ms"},
	}
	for _, tt := range tests {
		if got := deadline.Format(tt.in); got != tt.want {
			t.Errorf("Format(%v) = %q, want %q", tt.in, got, tt.want)
		}
	}
}

func TestEnded(t *testing.T) {
	ctx, cancel := deadline.WithTimeout(context.Background(), time.Millisecond)
	defer cancel()
	<-ctx.Done()
	if err := deadline.Ended(ctx); err.Error() != "timed out after 1ms" || !errors.Is(err, context.DeadlineExceeded) {
		t.Errorf("timeout: %v", err)
	}
	ctx, cancel = deadline.WithTimeout(context.Background(), time.Hour)
	cancel()
	if err := deadline.Ended(ctx); !strings.HasPrefix(err.Error(), "was stopped: ") || !errors.Is(err, context.Canceled) {
		t.Errorf("cancel: %v", err)
	}
	if err := deadline.Sleep(ctx, time.Hour); !errors.Is(err, context.Canceled) {
		t.Errorf("sleep on a cancelled context: %v", err)
	}
}

func TestTimedOut(t *testing.T) {
	tests := []struct {
		d    time.Duration
		want string
	}{
		{10 * time.Minute, "timed out after 10m"},
		{50 * time.Millisecond, "timed out after 50ms"},
	}
	for _, tt := range tests {
		err := fmt.Errorf("deploy.sh %w", deadline.TimedOut(tt.d))
		if err.Error() != "deploy.sh "+tt.want || !errors.Is(err, context.DeadlineExceeded) {
			t.Errorf("TimedOut(%s) = %v", tt.d, err)
		}
	}
}
