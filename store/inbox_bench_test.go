package store_test

import (
	"context"
	"fmt"
	"path/filepath"
	"runtime"
	"sync/atomic"
	"testing"
	"time"

	"deploybot/store"
)

// BenchmarkAddInbox records new Slack deliveries from 32 concurrent
// goroutines, as serve's events endpoint does under 32 senders (issue 19):
// each AddInbox returns once its row is committed, the rows sharing the
// group committer's transactions. ns/op is the time per delivery.
func BenchmarkAddInbox(b *testing.B) {
	ctx := context.Background()
	db, err := store.Open(ctx, filepath.Join(b.TempDir(), "deploybot.db"))
	if err != nil {
		b.Fatal(err)
	}
	b.Cleanup(func() { _ = db.Close() })
	payload := []byte(`{"kind":"message","id":"Ev","channel":"C1","thread":"1700000000.000001","user":"U1","text":"<@UBOT> what is a canary release?"}`)
	now := time.Now()
	var n atomic.Int64
	b.SetParallelism(max(1, 32/runtime.GOMAXPROCS(0)))
	b.ResetTimer()
	batches := db.GroupBatches()
	b.RunParallel(func(pb *testing.PB) {
		for pb.Next() {
			i := n.Add(1)
			e := store.InboxEntry{Key: fmt.Sprintf("message:C%d:%d", i%50, i), Kind: "message", Channel: fmt.Sprintf("C%d", i%50),
				Payload: payload, ReceivedAt: now, ExpiresAt: now.Add(time.Hour)}
			if ok, err := db.AddInbox(ctx, e); err != nil || !ok {
				b.Errorf("AddInbox = %v, %v", ok, err)
				return
			}
		}
	})
	b.ReportMetric(float64(b.N)/float64(max(1, db.GroupBatches()-batches)), "rows/commit")
}
