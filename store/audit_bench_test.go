package store_test

import (
	"context"
	"path/filepath"
	"strconv"
	"strings"
	"testing"

	"deploybot"
	"deploybot/store"
)

// BenchmarkRecordMessage records one answered message per operation, as
// the question path does outside the chat (agents.Orchestrator.Handle): a
// new message id each time, so that the lookup for a message recorded
// before (exactly-once after a crash) finds nothing and the row is
// inserted, then committed.
func BenchmarkRecordMessage(b *testing.B) {
	ctx := context.Background()
	db, err := store.Open(ctx, filepath.Join(b.TempDir(), "deploybot.db"))
	if err != nil {
		b.Fatal(err)
	}
	b.Cleanup(func() { _ = db.Close() })
	reply := strings.Repeat("Canary: send a small share of the traffic to the new version first. ", 12)
	b.ReportAllocs()
	i := 0
	for b.Loop() {
		e := deploybot.AuditEntry{MessageID: strconv.Itoa(i), Platform: deploybot.PlatformTerminal, User: "bench", Channel: "b",
			Text: "what is a canary release?", Route: deploybot.RouteProduction, Intent: "question", Lang: deploybot.English, Reply: reply}
		if _, err := db.RecordMessage(ctx, e); err != nil {
			b.Fatal(err)
		}
		i++
	}
}
