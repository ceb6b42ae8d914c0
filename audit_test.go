package deploybot_test

import (
	"context"
	"errors"
	"testing"

	"deploybot"
)

func TestAwaitAudit(t *testing.T) {
	failed := errors.New("commit failed")
	for _, tc := range []struct {
		name    string
		barrier bool
		outcome []error // what the entry's wait returns at each call
		cancel  bool    // the first AwaitAudit's context is cancelled
		strip   bool    // WithoutAuditBarrier
		want    []error // what AwaitAudit returns at each call (nil: nil)
		calls   int     // calls of wait
	}{
		{name: "no barrier", want: []error{nil, nil}},
		{name: "committed: waited once", barrier: true, outcome: []error{nil}, want: []error{nil, nil, nil}, calls: 1},
		{name: "failed: every write fails, waited once", barrier: true, outcome: []error{failed}, want: []error{failed, failed}, calls: 1},
		{name: "cancelled: asked again", barrier: true, cancel: true, outcome: []error{context.Canceled, nil}, want: []error{context.Canceled, nil, nil}, calls: 2},
		{name: "stripped", barrier: true, strip: true, outcome: []error{failed}, want: []error{nil}},
	} {
		t.Run(tc.name, func(t *testing.T) {
			calls := 0
			ctx := context.Background()
			if tc.barrier {
				ctx = deploybot.WithAuditBarrier(ctx, func(context.Context) error {
					calls++
					return tc.outcome[min(calls, len(tc.outcome))-1]
				})
			}
			if tc.strip {
				ctx = deploybot.WithoutAuditBarrier(ctx)
			}
			for i, want := range tc.want {
				c := ctx
				if tc.cancel && i == 0 {
					cc, cancel := context.WithCancel(ctx)
					cancel()
					c = cc
				}
				if err := deploybot.AwaitAudit(c); !errors.Is(err, want) || (want == nil) != (err == nil) {
					t.Errorf("call %d: %v, want %v", i, err, want)
				}
			}
			if calls != tc.calls {
				t.Errorf("wait called %d times, want %d", calls, tc.calls)
			}
		})
	}
}
