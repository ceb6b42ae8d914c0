package slack_test

import (
	"context"
	"fmt"
	"net/http"
	"net/http/httptest"
	"net/url"
	"path/filepath"
	"regexp"
	"slices"
	"strconv"
	"strings"
	"sync"
	"sync/atomic"
	"testing"
	"time"

	"deploybot"
	"deploybot/slack"
)

// TestRepliesUnderThrottling: 1,000 messages in 20 threads reach two
// adapters (two processes on one SQLite inbox, as replicas), each thread's
// messages alternating between them, while Slack answers 30 % of
// chat.postMessage calls with 429 and a Retry-After (0 or 1 s) and the
// adapters retry only once by themselves. No reply is lost, none is posted
// twice, and each thread's replies come in the order of its messages.
func TestRepliesUnderThrottling(t *testing.T) {
	const threads, perThread = 20, 50
	f := newFakeSlack(t)
	f.RateLimit("chat.postMessage", func(n int) (time.Duration, bool) {
		switch n % 10 {
		case 2, 5:
			return 0, true
		case 8:
			return time.Second, true
		}
		return 0, false
	})
	path := filepath.Join(t.TempDir(), "deploybot.db")
	h := &recorder{reply: func(m deploybot.Message) (deploybot.Reply, error) {
		return deploybot.Reply{Text: "re " + m.Text}, nil
	}}
	var srvs []*httptest.Server
	var adapters []*slack.Adapter
	for i := range 2 {
		self := deploybot.Holder{Host: "h", BootID: "b", PIDNamespace: "ns", PID: 100 + i, StartTime: 1}
		a := newAdapter(t, f, dbInbox(t, path), h, func(o *slack.Options) {
			o.Self, o.MaxRetries = self, 1
		})
		adapters = append(adapters, a)
		srv := httptest.NewServer(a.HTTPHandler())
		t.Cleanup(srv.Close)
		srvs = append(srvs, srv)
	}

	base := time.Now().Add(-time.Minute).Unix()
	var wg sync.WaitGroup
	for th := range threads {
		wg.Go(func() {
			channel := fmt.Sprintf("C%d", th%4)
			root := fmt.Sprintf("%d.%06d", base, th)
			for i := range perThread {
				ts := fmt.Sprintf("%d.%06d", base+int64(i+1), th)
				body := mentionEvent(fmt.Sprintf("Ev%d-%d", th, i), channel, "U1", fmt.Sprintf("<@UBOT> m%03d", i), ts, root)
				srv := srvs[i%2]
				code, _ := do(t, srv.Client(), signed(t, srv.URL+"/slack/events", body, jsonType, time.Now()))
				if code != http.StatusOK {
					t.Errorf("thread %d message %d: status %d", th, i, code)
					return
				}
			}
		})
	}
	wg.Wait()
	re := regexp.MustCompile(`re m(\d{3})`)
	replies := func() map[string][]int {
		out := map[string][]int{}
		for _, p := range f.Posts("") {
			if m := re.FindStringSubmatch(p.Text); m != nil {
				n, _ := strconv.Atoi(m[1])
				out[p.Channel+" "+p.ThreadTS] = append(out[p.Channel+" "+p.ThreadTS], n)
			}
		}
		return out
	}
	deadline := time.Now().Add(3 * time.Minute) // a bound for a stuck test
	for {
		n := 0
		for _, r := range replies() {
			n += len(r)
		}
		if n >= threads*perThread {
			break
		}
		if time.Now().After(deadline) {
			t.Fatalf("%d of %d replies posted", n, threads*perThread)
		}
		time.Sleep(20 * time.Millisecond)
	}
	got := replies()
	if len(got) != threads {
		t.Errorf("replies in %d threads, want %d", len(got), threads)
	}
	for thread, ns := range got {
		if len(ns) != perThread {
			t.Errorf("thread %s: %d replies, want %d", thread, len(ns), perThread)
		}
		for i, n := range ns {
			if n != i {
				t.Errorf("thread %s: reply %d answers m%03d: out of order or repeated (%v)", thread, i, n, ns)
				break
			}
		}
	}
	limited := len(f.Calls("chat.postMessage")) - threads*perThread
	var throttled int64
	for _, a := range adapters {
		throttled += a.Throttled()
	}
	t.Logf("%d replies, %d postMessage calls refused with 429 (%d counted by the adapters)", threads*perThread, limited, throttled)
	if throttled < int64(threads*perThread)/4 {
		t.Errorf("only %d calls throttled: the schedule did not apply", throttled)
	}
}

// TestFailedReplyKeepsItsTurn: the first reply of a thread fails once (an
// error other than 429), and is tried again after a backoff; the
// messages after it, queued in the same worker or arriving meanwhile, are
// answered after it, never before. In memory and on the store's inbox.
func TestFailedReplyKeepsItsTurn(t *testing.T) {
	for _, inbox := range []string{"memory", "store"} {
		t.Run(inbox, func(t *testing.T) {
			f := newFakeSlack(t)
			var failed atomic.Bool
			f.Fail("chat.postMessage", "internal_error", func(form url.Values) bool {
				return strings.Contains(form.Get("text"), "re m000") && failed.CompareAndSwap(false, true)
			})
			var in slack.Inbox
			if inbox == "store" {
				in = dbInbox(t, filepath.Join(t.TempDir(), "deploybot.db"))
			}
			h := &recorder{reply: func(m deploybot.Message) (deploybot.Reply, error) {
				return deploybot.Reply{Text: "re " + m.Text}, nil
			}}
			a := newAdapter(t, f, in, h, func(o *slack.Options) { o.RetryBackoff = 300 * time.Millisecond })
			srv := httptest.NewServer(a.HTTPHandler())
			t.Cleanup(srv.Close)
			base := time.Now().Add(-time.Minute).Unix()
			root := fmt.Sprintf("%d.000000", base)
			const n = 4
			for i := range n {
				ts := fmt.Sprintf("%d.000000", base+int64(i+1))
				body := mentionEvent(fmt.Sprintf("Ev%d", i), "C1", "U1", fmt.Sprintf("<@UBOT> m%03d", i), ts, root)
				if code, _ := do(t, srv.Client(), signed(t, srv.URL+"/slack/events", body, jsonType, time.Now())); code != http.StatusOK {
					t.Fatalf("message %d: status %d", i, code)
				}
			}
			re := regexp.MustCompile(`re m(\d{3})`)
			var got []int
			deadline := time.Now().Add(time.Minute) // a bound for a stuck test
			for len(got) < n && time.Now().Before(deadline) {
				time.Sleep(20 * time.Millisecond)
				got = got[:0]
				for _, p := range f.Posts("C1") {
					if m := re.FindStringSubmatch(p.Text); m != nil {
						k, _ := strconv.Atoi(m[1])
						got = append(got, k)
					}
				}
			}
			if !failed.Load() {
				t.Fatal("the first reply never failed: the test proves nothing")
			}
			if want := []int{0, 1, 2, 3}; !slices.Equal(got, want) {
				t.Errorf("replies answer %v, want %v", got, want)
			}
		})
	}
}

// holdInbox is an inbox whose Claim of one entry, the second time it is
// claimed (once its first handling failed), is made and then held back
// until release is closed: the window between a claim committed and the
// entry queued on its worker, which a loaded machine opens by itself.
// It reports the later entry's handling: posted, or sent back to the inbox.
type holdInbox struct {
	slack.Inbox
	hold    string        // the key whose second claim is held
	claimed chan struct{} // closed once that claim is made
	release chan struct{} // the held claim returns once it is closed
	once    sync.Once

	late     string        // the key of the later delivery
	lateBack chan struct{} // closed when the late entry is given back
	backOnce sync.Once
}

func (h *holdInbox) Claim(ctx context.Context, key string, prev int64, who deploybot.Holder, until time.Time) (slack.InboxEntry, bool, error) {
	e, ok, err := h.Inbox.Claim(ctx, key, prev, who, until)
	if ok && key == h.hold && e.Attempts == 2 {
		h.once.Do(func() { close(h.claimed) })
		<-h.release
	}
	return e, ok, err
}

func (h *holdInbox) Release(ctx context.Context, key string, claim int64, retryAt time.Time) (bool, error) {
	if key == h.late {
		h.backOnce.Do(func() { close(h.lateBack) })
	}
	return h.Inbox.Release(ctx, key, claim, retryAt)
}

func (h *holdInbox) Yield(ctx context.Context, key string, claim int64) (bool, error) {
	if key == h.late {
		h.backOnce.Do(func() { close(h.lateBack) })
	}
	return h.Inbox.(slack.OrderedInbox).Yield(ctx, key, claim)
}

func (h *holdInbox) Turn(ctx context.Context, channel, key string, at time.Time) (bool, error) {
	return h.Inbox.(slack.OrderedInbox).Turn(ctx, channel, key, at)
}

// TestReclaimedReplyKeepsItsTurn (issue 20): a thread's first reply fails
// and is claimed again by the recovery loop; its next message arrives, and
// takes the fast path, after that claim is committed and before the entry
// is queued on the worker. The later reply is posted after the first one,
// not in the window. Before the fix it was posted first ([1 0]): the
// order check spared the entries this process held, trusting the worker's
// queue, which is filled after the claims, in whatever order they return.
func TestReclaimedReplyKeepsItsTurn(t *testing.T) {
	for _, inbox := range []string{"memory", "store"} {
		t.Run(inbox, func(t *testing.T) {
			f := newFakeSlack(t)
			var failed atomic.Bool
			f.Fail("chat.postMessage", "internal_error", func(form url.Values) bool {
				return strings.Contains(form.Get("text"), "re m000") && failed.CompareAndSwap(false, true)
			})
			in := slack.NewMemoryInbox()
			if inbox == "store" {
				in = dbInbox(t, filepath.Join(t.TempDir(), "deploybot.db"))
			}
			base := time.Now().Add(-time.Minute).Unix()
			root := fmt.Sprintf("%d.000000", base)
			key := func(i int) string { return fmt.Sprintf("message:C1:%d.000000", base+int64(i+1)) }
			hi := &holdInbox{Inbox: in, hold: key(0), claimed: make(chan struct{}), release: make(chan struct{}),
				late: key(1), lateBack: make(chan struct{})}
			var released sync.Once
			unhold := func() { released.Do(func() { close(hi.release) }) }
			h := &recorder{reply: func(m deploybot.Message) (deploybot.Reply, error) {
				return deploybot.Reply{Text: "re " + m.Text}, nil
			}}
			a := newAdapter(t, f, hi, h, func(o *slack.Options) { o.RetryBackoff = 50 * time.Millisecond })
			t.Cleanup(unhold) // before the adapter closes: its recovery loop may wait in Claim
			srv := httptest.NewServer(a.HTTPHandler())
			t.Cleanup(srv.Close)
			send := func(i int) {
				t.Helper()
				ts := fmt.Sprintf("%d.000000", base+int64(i+1))
				body := mentionEvent(fmt.Sprintf("Ev%d", i), "C1", "U1", fmt.Sprintf("<@UBOT> m%03d", i), ts, root)
				if code, _ := do(t, srv.Client(), signed(t, srv.URL+"/slack/events", body, jsonType, time.Now())); code != http.StatusOK {
					t.Fatalf("message %d: status %d", i, code)
				}
			}
			re := regexp.MustCompile(`re m(\d{3})`)
			posted := func() []int {
				var got []int
				for _, p := range f.Posts("C1") {
					if m := re.FindStringSubmatch(p.Text); m != nil {
						k, _ := strconv.Atoi(m[1])
						got = append(got, k)
					}
				}
				return got
			}
			wait := func(what string, done func() bool) {
				t.Helper()
				deadline := time.Now().Add(time.Minute) // a bound for a stuck test
				for !done() {
					if time.Now().After(deadline) {
						t.Fatalf("%s: not within a minute (posted %v)", what, posted())
					}
					time.Sleep(5 * time.Millisecond)
				}
			}

			send(0)
			select {
			case <-hi.claimed: // m000 failed, and its second claim is made
			case <-time.After(time.Minute):
				t.Fatal("the first message was never claimed again")
			}
			send(1)
			// m001 is handled meanwhile: posted (out of turn), or given
			// back to the inbox to wait for m000.
			wait("the second message handled", func() bool {
				select {
				case <-hi.lateBack:
					return true
				default:
					return len(posted()) > 0
				}
			})
			unhold()
			wait("both replies", func() bool { return len(posted()) >= 2 })
			if got := posted(); !slices.Equal(got, []int{0, 1}) {
				t.Errorf("replies answer %v, want [0 1]", got)
			}
		})
	}
}
