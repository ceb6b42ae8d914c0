package storetest

import (
	"context"
	"fmt"
	"strings"
	"sync"
	"testing"
	"time"

	"deploybot"
)

func testRecordMessageRoundTrip(t *testing.T, h *H) {
	ctx := context.Background()
	db, _ := h.Open(t)

	full := deploybot.AuditEntry{
		MessageID: "Ev0123",
		Platform:  deploybot.PlatformSlack,
		User:      "alice",
		Channel:   "C42",
		Text:      "déploie shop v1.2.3 en prod",
		Route:     deploybot.RouteProduction,
		Intent:    deploybot.IntentDeploy,
		App:       "shop",
		Env:       deploybot.EnvProduction,
		Version:   "v1.2.3",
		Lang:      deploybot.French,
		At:        T0.Add(-time.Minute).In(time.FixedZone("CET", 3600)),
	}
	id1, err := db.RecordMessage(ctx, full)
	if err != nil {
		t.Fatal(err)
	}
	// At zero means db.Now(); ID is ignored.
	id2, err := db.RecordMessage(ctx, deploybot.AuditEntry{ID: 99, MessageID: "1", Platform: deploybot.PlatformTerminal, Text: "hello"})
	if err != nil {
		t.Fatal(err)
	}
	// Same second as the next one but half a second later: text order must
	// still be time order.
	id3, err := db.RecordMessage(ctx, deploybot.AuditEntry{MessageID: "2", At: T0.Add(-30 * time.Second).Truncate(time.Second).Add(500 * time.Millisecond)})
	if err != nil {
		t.Fatal(err)
	}
	id4, err := db.RecordMessage(ctx, deploybot.AuditEntry{MessageID: "3", At: T0.Add(-30 * time.Second).Truncate(time.Second)})
	if err != nil {
		t.Fatal(err)
	}
	if id1 <= 0 || id2 <= id1 || id3 <= id2 || id4 <= id3 {
		t.Fatalf("ids not increasing: %d %d %d %d", id1, id2, id3, id4)
	}

	tests := []struct {
		limit int
		want  []int64
	}{
		{0, []int64{id2, id3, id4, id1}},
		{-1, []int64{id2, id3, id4, id1}},
		{2, []int64{id2, id3}},
		{10, []int64{id2, id3, id4, id1}},
	}
	for _, tc := range tests {
		t.Run(fmt.Sprint("limit=", tc.limit), func(t *testing.T) {
			got, err := db.RecentMessages(ctx, tc.limit)
			if err != nil {
				t.Fatal(err)
			}
			var ids []int64
			for _, e := range got {
				ids = append(ids, e.ID)
			}
			if fmt.Sprint(ids) != fmt.Sprint(tc.want) {
				t.Errorf("ids = %v, want %v", ids, tc.want)
			}
		})
	}

	all, err := db.RecentMessages(ctx, 0)
	if err != nil {
		t.Fatal(err)
	}
	got := all[3]
	want := full
	want.ID = id1
	if !got.At.Equal(want.At) {
		t.Errorf("At = %v, want %v", got.At, want.At)
	}
	got.At, want.At = time.Time{}, time.Time{}
	if got != want {
		t.Errorf("entry:\n got %+v\nwant %+v", got, want)
	}
	if now := all[0]; !now.At.Equal(T0) || now.ID != id2 || now.Text != "hello" || now.Platform != deploybot.PlatformTerminal {
		t.Errorf("entry with zero At = %+v, want At %v", now, T0)
	}

	// A message recorded again (a delivery handled again) keeps its entry;
	// a full record gives it its reply. The same id on another platform
	// is another message.
	again := full
	again.Text, again.Command, again.Reply = "changed", "deploy", "Planned."
	if id, err := db.RecordMessage(ctx, again); err != nil || id != id1 {
		t.Fatalf("recorded again: id %d (%v), want %d", id, err, id1)
	}
	other := full
	other.Platform = deploybot.PlatformTerminal
	id5, err := db.RecordMessage(ctx, other)
	if err != nil || id5 <= id4 {
		t.Fatalf("same id on another platform: id %d (%v), want a new one after %d", id5, err, id4)
	}
	if all, err = db.RecentMessages(ctx, 0); err != nil {
		t.Fatal(err)
	}
	if len(all) != 5 {
		t.Fatalf("%d entries, want 5", len(all))
	}
	events, err := db.AuditEvents(ctx, deploybot.AuditFilter{Kinds: []string{"message"}})
	if err != nil {
		t.Fatal(err)
	}
	replied := 0
	for _, e := range events {
		if strings.Contains(e.Detail, "Planned.") {
			replied++
			if e.Detail != full.Text+" ⇒ Planned." {
				t.Errorf("entry recorded again: %q, want its first text and the reply", e.Detail)
			}
		}
	}
	if replied != 1 {
		t.Errorf("%d entries with the reply, want 1: %+v", replied, events)
	}
}

func testConcurrentWrites(t *testing.T, h *H) {
	ctx := context.Background()
	db, _ := h.Open(t)
	const goroutines, calls = 8, 25
	var wg sync.WaitGroup
	errs := make(chan error, goroutines*calls*2)
	for g := range goroutines {
		wg.Go(func() {
			for i := range calls {
				// Few keys, many writers: every transaction contends.
				v := deploybot.Setting{
					Scope: deploybot.ScopeProject, Project: "shop",
					Key: fmt.Sprintf("k%d", i%3), Value: fmt.Sprintf("g%d-i%d", g, i), SetBy: fmt.Sprint("user", g),
				}
				if _, _, err := db.PutSetting(ctx, v); err != nil {
					errs <- err
				}
				if _, err := db.RecordMessage(ctx, deploybot.AuditEntry{MessageID: fmt.Sprintf("%d-%d", g, i), Text: "x"}); err != nil {
					errs <- err
				}
				if _, err := db.SettingValues(ctx); err != nil {
					errs <- err
				}
			}
		})
	}
	wg.Wait()
	close(errs)
	for err := range errs {
		t.Error(err)
	}

	msgs, err := db.RecentMessages(ctx, 0)
	if err != nil {
		t.Fatal(err)
	}
	if len(msgs) != goroutines*calls {
		t.Errorf("%d messages, want %d", len(msgs), goroutines*calls)
	}
	changes, err := db.ContextChanges(ctx, "shop", "", time.Time{})
	if err != nil {
		t.Fatal(err)
	}
	if len(changes) != goroutines*calls { // every value is new
		t.Errorf("%d changes, want %d", len(changes), goroutines*calls)
	}
	// The history of each key chains: each old value is the previous new one.
	last := map[string]string{}
	for _, c := range changes {
		if c.Old != last[c.Key] {
			t.Errorf("change of %s: old %q, want %q", c.Key, c.Old, last[c.Key])
		}
		last[c.Key] = c.New
	}
}
