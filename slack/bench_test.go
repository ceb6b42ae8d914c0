package slack_test

import (
	"context"
	"net/http"
	"net/http/httptest"
	"slices"
	"strconv"
	"sync"
	"sync/atomic"
	"syscall"
	"testing"
	"time"

	"deploybot"
	"deploybot/slack"
)

// BenchmarkEventsEndpoint sends b.N distinct signed app_mention events to
// /slack/events on loopback from 8 concurrent clients, with the real
// SQLite inbox, worker pool and reply posting (to the fake Web API), and
// reports the acknowledged events per second and the p99 acknowledgement
// latency. Run it with a bounded count:
//
//	go test -run '^$' -bench EventsEndpoint -benchtime 5000x ./slack/
func BenchmarkEventsEndpoint(b *testing.B) {
	f := newFakeSlack(b)
	h := handlerFunc(func(_ context.Context, m deploybot.Message) (deploybot.Reply, error) {
		return deploybot.Reply{Text: "ok " + m.ID}, nil
	})
	a := newAdapter(b, f, dbInbox(b, ""), h, func(o *slack.Options) { o.QueueSize = 4096 })
	srv := httptest.NewServer(a.HTTPHandler())
	defer srv.Close()
	client := &http.Client{Transport: &http.Transport{MaxIdleConnsPerHost: 64}}

	const clients = 8
	reqs := make([]*http.Request, b.N)
	now := time.Now()
	for i := range reqs {
		id := strconv.Itoa(i)
		body := mentionEvent("EvB"+id, "C"+strconv.Itoa(i%50), "U1", "<@UBOT> status api "+id, "1700001000."+id, "")
		reqs[i] = signed(b, srv.URL+"/slack/events", body, jsonType, now)
	}
	lat := make([]time.Duration, b.N)
	var next atomic.Int64
	var failed atomic.Int64
	b.ResetTimer()
	start := time.Now()
	var wg sync.WaitGroup
	for range clients {
		wg.Go(func() {
			for {
				i := int(next.Add(1)) - 1
				if i >= len(reqs) {
					return
				}
				t0 := time.Now()
				resp, err := client.Do(reqs[i])
				lat[i] = time.Since(t0)
				if err != nil || resp.StatusCode != http.StatusOK {
					failed.Add(1)
				}
				if resp != nil {
					resp.Body.Close()
				}
			}
		})
	}
	wg.Wait()
	elapsed := time.Since(start)
	b.StopTimer()
	if n := failed.Load(); n > 0 {
		b.Fatalf("%d of %d events not acknowledged with 200", n, b.N)
	}
	slices.Sort(lat)
	p99 := lat[min(len(lat)-1, len(lat)*99/100)]
	b.ReportMetric(float64(b.N)/elapsed.Seconds(), "events/s")
	b.ReportMetric(float64(p99.Microseconds())/1000, "p99_ack_ms")
	b.ReportMetric(float64(lat[len(lat)/2].Microseconds())/1000, "p50_ack_ms")
}

// BenchmarkEventReceipt is the acknowledgement's own work, without the
// network and the database: the signature check, the reading of the event
// and the encoding of its inbox entry, into the memory inbox of an adapter
// not started (every entry waits there). The requests are built before.
//
//	go test -run '^$' -bench EventReceipt -benchmem -count 5 ./slack/
func BenchmarkEventReceipt(b *testing.B) {
	f := newFakeSlack(b)
	a, err := slack.New(slack.Options{BotToken: botToken, SigningSecret: secret, APIURL: f.APIURL(),
		Handler: handlerFunc(func(context.Context, deploybot.Message) (deploybot.Reply, error) { return deploybot.Reply{}, nil })})
	if err != nil {
		b.Fatal(err)
	}
	h := a.HTTPHandler()
	reqs := make([]*http.Request, b.N)
	now := time.Now()
	for i := range reqs {
		id := strconv.Itoa(i)
		body := mentionEvent("EvR"+id, "C"+strconv.Itoa(i%50), "U1", "<@UBOT> what is a canary release?", "1700000000."+id, "")
		reqs[i] = signed(b, "http://deploybot/slack/events", body, jsonType, now)
	}
	b.ReportAllocs()
	b.ResetTimer()
	cpu0 := processCPU(b)
	for i := range b.N {
		w := httptest.NewRecorder()
		h.ServeHTTP(w, reqs[i])
		if w.Code != http.StatusOK {
			b.Fatalf("status %d: %s", w.Code, w.Body)
		}
	}
	// The process's CPU time, not the wall time, compares builds on a
	// machine other processes load.
	b.ReportMetric(float64(processCPU(b)-cpu0)/float64(b.N), "cpu-ns/op")
}

// processCPU is the CPU time (user and system) the process has used.
func processCPU(b *testing.B) time.Duration {
	var ru syscall.Rusage
	if err := syscall.Getrusage(syscall.RUSAGE_SELF, &ru); err != nil {
		b.Fatal(err)
	}
	return time.Duration(ru.Utime.Nano() + ru.Stime.Nano())
}
