package slack

import (
	"context"
	"encoding/json"
	"errors"
	"fmt"
	"log/slog"
	"sync"
	"time"

	"github.com/slack-go/slack"

	"deploybot"
)

// The kinds of inbox entries.
const (
	kindMessage   = "message"   // a mention, a DM, a reply in a thread
	kindCommand   = "command"   // a slash command
	kindClick     = "click"     // a button click
	kindAssistant = "assistant" // an assistant thread started
)

// job is what an inbox entry's payload holds: everything needed to handle
// the delivery again, in another process, after a crash.
type job struct {
	Kind      string    `json:"kind"`
	ID        string    `json:"id"` // Message.ID: stable across handlings
	Channel   string    `json:"channel"`
	Thread    string    `json:"thread,omitempty"` // where the answer goes; "" posts in the channel
	User      string    `json:"user,omitempty"`   // Slack user id
	Team      string    `json:"team,omitempty"`   // the user's team, when the payload says it
	EventTeam string    `json:"event_team,omitempty"`
	Text      string    `json:"text,omitempty"` // Slack-formatted text, mention included
	At        time.Time `json:"at"`
	// CheckThread: a reply in a thread the adapter did not know; it is
	// answered only if the bot takes part in the thread.
	CheckThread bool `json:"check_thread,omitempty"`

	// slash commands
	Typed       string `json:"typed,omitempty"` // "/deploy TEXT" as typed
	Public      bool   `json:"public,omitempty"`
	ResponseURL string `json:"response_url,omitempty"`

	// clicks
	ActionID  string          `json:"action_id,omitempty"`
	Value     string          `json:"value,omitempty"`
	BlockID   string          `json:"block_id,omitempty"`
	MessageTS string          `json:"message_ts,omitempty"` // the message the button is on
	Ephemeral bool            `json:"ephemeral,omitempty"`
	MsgText   string          `json:"msg_text,omitempty"`
	Blocks    json.RawMessage `json:"blocks,omitempty"` // the message's blocks, as Slack sent them
}

// accept records a delivery in the inbox, under key, and has it handled.
// It reports dup when the key is already there (a repeated delivery: to
// acknowledge and drop). It fails only when the inbox cannot record it:
// Slack must then deliver it again.
//
// The entry is recorded already claimed by this process when its worker
// has room, and handed to the worker without another write; else it waits
// in the inbox for the recovery loop.
func (a *Adapter) accept(ctx context.Context, key string, j job) (dup bool, err error) {
	payload, err := encodeJob(j)
	if err != nil {
		return false, fmt.Errorf("encode %s: %w", key, err)
	}
	now := a.now()
	e := InboxEntry{Key: key, Kind: j.Kind, Channel: j.Channel, Payload: payload,
		ReceivedAt: orderTime(j.At, now), ExpiresAt: now.Add(a.opts.DedupTTL)}
	take := a.started.Load() && !a.closing.Load() && !a.backlog.Load() && a.pool.hasRoom(j.Channel)
	if take {
		e.Holder, e.ClaimExpiresAt = a.self, now.Add(a.opts.ClaimTTL)
	}
	// Not cancelled with the request: once written, the entry is handled.
	added, err := a.inbox.Add(context.WithoutCancel(ctx), e)
	if err != nil {
		return false, fmt.Errorf("inbox %s: %w", key, err)
	}
	if !added {
		return true, nil
	}
	// Whether an earlier delivery of the channel is unfinished is left to
	// the worker, which asks before handling (turn) and gives the entry
	// back when one is: asking here too, before the acknowledgement, was a
	// read of the inbox per delivery (4-5 % of the process's CPU under a
	// burst, issue 19) for the same outcome, a give-back, in the rare case
	// where another process holds an earlier entry.
	if take {
		e.State, e.Claim, e.Attempts = InboxNew, 1, 1
		if a.submit(e) {
			return false, nil
		}
		// The queue filled meanwhile: the claim is given back, for the
		// recovery loop to take the entry in its turn.
		a.giveBack(context.WithoutCancel(ctx), e, now)
	}
	a.setBacklog()
	a.kick()
	return false, nil
}

// OrderedInbox is an Inbox that keeps the order of a channel's answers
// across workers, retries and processes sharing it (issue 20).
//
// An entry is handled only in its turn (Turn): when no earlier entry of
// its channel is unfinished, whoever holds it, this process included. The
// check is made by the worker, after the entry is claimed and before it is
// handled, and a turn once come stays until the entry is done, so that
// two entries of a channel are never handled at once, nor in the wrong
// order, whatever the order their claims were made or queued in. (It once
// spared the entries this process held, trusting its worker's queue: but
// the queue is filled after the claims, by the HTTP handler's fast path
// and the recovery loop each on its own, so that an entry claimed first
// could be queued second, and its reply posted second.) An entry claimed
// out of its turn is given back (Yield) for the recovery loop to take
// again after the earlier one.
//
// Without an OrderedInbox, only one process's order is kept.
type OrderedInbox interface {
	// Turn reports whether channel has no unfinished entry received
	// before key, whoever holds it.
	Turn(ctx context.Context, channel, key string, receivedAt time.Time) (bool, error)
	// Yield gives back claim of the entry key, taken out of its turn: it
	// is held by nobody and claimable at once, and the attempt the claim
	// counted is taken back. It reports false when the claim was lost.
	Yield(ctx context.Context, key string, claim int64) (bool, error)
}

// setBacklog records that a delivery waits in the inbox.
func (a *Adapter) setBacklog() {
	a.backlogMu.Lock()
	a.backlogSeq++
	a.backlog.Store(true)
	a.backlogMu.Unlock()
}

// backlogSince returns the number that says whether deliveries were left
// waiting since; clearBacklog clears the backlog unless some were.
func (a *Adapter) backlogSince() int64 {
	a.backlogMu.Lock()
	defer a.backlogMu.Unlock()
	return a.backlogSeq
}

func (a *Adapter) clearBacklog(since int64) {
	a.backlogMu.Lock()
	if a.backlogSeq == since {
		a.backlog.Store(false)
	}
	a.backlogMu.Unlock()
}

// kick asks the recovery loop to look at the inbox now.
func (a *Adapter) kick() {
	select {
	case a.kickc <- struct{}{}:
	default:
	}
}

// submit queues the claimed entry e on its channel's worker, unless it is
// already queued or being handled here. It reports whether it was queued.
func (a *Adapter) submit(e InboxEntry) bool {
	if _, busy := a.inflight.LoadOrStore(e.Key, struct{}{}); busy {
		return false
	}
	if err := a.pool.trySubmit(e.Channel, func(ctx context.Context) { a.process(ctx, e) }); err != nil {
		a.inflight.Delete(e.Key)
		return false
	}
	return true
}

// recoverBatch is how many unfinished entries one look at the inbox reads.
const recoverBatch = 256

// recoverLoop takes over, at Start and then every RecoverEvery (or when
// kicked), the unfinished entries nobody handles: never claimed, claim
// expired, or held by a process that is gone.
func (a *Adapter) recoverLoop() {
	t := time.NewTicker(a.opts.RecoverEvery)
	defer t.Stop()
	for {
		for a.recoverOnce(a.lifetime) {
		}
		select {
		case <-a.lifetime.Done():
			return
		case <-t.C:
		case <-a.kickc:
		}
	}
}

// recoverOnce claims and queues the unfinished entries it may take, as
// many as the workers have room for. It reports whether a full batch was
// taken, so that the caller looks again.
func (a *Adapter) recoverOnce(ctx context.Context) (more bool) {
	if a.closing.Load() || ctx.Err() != nil {
		return false
	}
	since := a.backlogSince()
	if !a.pool.anyHalfEmpty() {
		// Too little could be taken for the read to be worth it. Under a
		// burst every delivery left in the inbox kicks the loop, and a CPU
		// profile of serve under 32 senders (issue 19) showed these reads
		// of a full batch of entries, payloads included, taking one entry
		// or none, as 11-15 % of the process's time. A worker whose queue
		// is half empty kicks it again (process).
		a.setBacklog()
		return false
	}
	now := a.now()
	es, err := a.inbox.Unfinished(ctx, now, a.self, recoverBatch)
	if err != nil {
		if ctx.Err() == nil {
			a.logger.Warn("read slack inbox", "err", err)
		}
		return false
	}
	// A channel whose entry waits keeps its later entries waiting too, so
	// that its answers keep their order. The entries to take are chosen
	// first, as many as each worker has room for, then claimed together
	// (claimAll): one write for the batch, not one commit waited for per
	// entry (issue 19).
	waiting := false
	blocked := map[string]bool{}
	planned := make([]int, len(a.pool.queues))
	var chosen []InboxEntry
	for _, e := range es {
		if _, busy := a.inflight.Load(e.Key); busy || blocked[e.Channel] {
			blocked[e.Channel] = true
			continue
		}
		if now.Before(e.ClaimExpiresAt) && (e.Holder == a.self || a.opts.Gone == nil || !a.opts.Gone(e.Holder)) {
			blocked[e.Channel] = true
			if e.Holder == a.self {
				// Handled here, and its end not yet committed (finish):
				// the commit kicks the loop, to take the channel's next.
				waiting = true
			}
			continue // its holder lives and its claim holds
		}
		slot := a.pool.slot(e.Channel)
		if a.pool.free(slot)-planned[slot] <= 0 {
			blocked[e.Channel] = true
			waiting = true
			continue
		}
		planned[slot]++
		chosen = append(chosen, e)
	}
	claimed, err := a.claimAll(ctx, chosen, a.self, now.Add(a.opts.ClaimTTL))
	if err != nil {
		a.logger.Warn("claim slack inbox entries", "entries", len(chosen), "err", err)
		waiting = true
	}
	taken := 0
	lost := map[string]bool{} // channels of which an entry chosen was not taken
	for _, e := range chosen {
		c, ok := claimed[e.Key]
		if !ok {
			// Another worker took it (or the claim failed): the channel's
			// later entries wait for it, to keep its order.
			lost[e.Channel] = true
			continue
		}
		if lost[e.Channel] {
			// Claimed with the batch, but an earlier entry of its channel
			// was not: given back, to be taken after it.
			a.giveBack(ctx, c, now)
			continue
		}
		if e.Claim > 0 {
			a.logger.Info("handling a slack delivery again", "key", e.Key, "state", string(e.State),
				"previous_holder", e.Holder.String(), "attempt", c.Attempts)
		}
		if !a.submit(c) {
			lost[e.Channel] = true
			waiting = true
			a.giveBack(ctx, c, now)
			continue
		}
		taken++
	}
	full := len(es) == recoverBatch
	if waiting || full {
		a.setBacklog()
	} else {
		a.clearBacklog(since)
	}
	// Another look is worth it only when a worker has room left: a CPU
	// profile of serve under a burst of events (issue 19) showed the
	// recovery loop reading a full batch again, after taking the one
	// entry a worker had room for, and taking nothing, as half its time.
	return full && taken > 0 && a.pool.anyRoom()
}

// replyAfter stores reply, e's, with the writes the Handler queued for the
// message (h, see AfterReplier): one commit for the audit entry and the
// reply, where the worker once waited for each in turn. When a write
// failed, the reply is not stored, and the message gets, in out, the
// answer of a failed Handler, stored alone.
func (a *Adapter) replyAfter(ctx context.Context, e InboxEntry, j job, h *handling, out *[]outbound, reply []byte, log *slog.Logger) (bool, error) {
	ok, err := a.inbox.(AfterReplier).ReplyAfter(ctx, e.Key, e.Claim, reply, h.writes())
	werr := h.wait(ctx) // done: the reply's commit came with theirs or after
	if werr == nil || ctx.Err() != nil {
		return ok, err
	}
	if err == nil && ok {
		// Stored, so its writes were written: the wait's error is its own.
		log.Warn("slack message's writes reported failed after its reply was stored", "err", werr)
		return ok, nil
	}
	werr = fmt.Errorf("slack: audit of message %s: %w", j.ID, werr)
	l := langOf(a.users.cached(j.User).Locale, a.opts.Lang)
	*out = []outbound{a.outPost(ctx, j.Channel, j.Thread, a.failedReply(j, j.User, l, werr))}
	failed, err := json.Marshal(*out)
	if err != nil {
		return false, fmt.Errorf("encode slack reply: %w", err)
	}
	return a.inbox.Reply(ctx, e.Key, e.Claim, failed)
}

// claimAll claims the entries es for h until the given time, each if its
// claim is still the one read, and returns those claimed by key: in one
// write with a BatchClaimer, else one Claim each.
func (a *Adapter) claimAll(ctx context.Context, es []InboxEntry, h deploybot.Holder, until time.Time) (map[string]InboxEntry, error) {
	out := make(map[string]InboxEntry, len(es))
	if len(es) == 0 {
		return out, nil
	}
	if bc, ok := a.inbox.(BatchClaimer); ok {
		req := make([]ClaimRequest, len(es))
		for i, e := range es {
			req[i] = ClaimRequest{Key: e.Key, Prev: e.Claim}
		}
		cs, err := bc.ClaimBatch(ctx, req, h, until)
		if err != nil {
			return out, err
		}
		for _, c := range cs {
			out[c.Key] = c
		}
		return out, nil
	}
	for _, e := range es {
		c, ok, err := a.inbox.Claim(ctx, e.Key, e.Claim, h, until)
		if err != nil {
			a.logger.Warn("claim slack inbox entry", "key", e.Key, "err", err)
			continue
		}
		if ok {
			out[c.Key] = c
		}
	}
	return out, nil
}

// process handles one claimed entry: the Handler's answer is computed
// (unless stored already), stored, posted, and the entry marked done. The
// claim is renewed meanwhile; when it is lost, nothing more is done.
// A failure leaves the entry to be handled again after a backoff; an
// entry that failed MaxAttempts times gets an error reply and is done.
func (a *Adapter) process(ctx context.Context, e InboxEntry) {
	yielded := false
	defer func() {
		a.inflight.Delete(e.Key)
		// An entry given back does not kick the recovery loop itself: the
		// loop would claim it again at once, while the earlier entry it
		// waits for may still be on its way to this worker. The earlier
		// entry's end kicks it.
		//
		// Nor does every end: only one that leaves its worker's queue half
		// empty, so that the loop reads the inbox once for many entries
		// rather than once for each (issue 19: a read of a batch per entry
		// handled, under a burst). Its ticker covers the other workers.
		//
		// An entry whose end is still being committed (finish) kicks it
		// once that is done: read before, the entry would still hold its
		// channel's later ones back.
		if _, ending := a.finishing.Load(e.Channel); ending {
			return
		}
		if a.backlog.Load() && !yielded && a.pool.halfEmpty(e.Channel) {
			a.kick()
		}
	}()
	a.yieldToDeliveries()
	a.awaitFinish(e.Channel)
	if ctx.Err() != nil {
		return
	}
	log := a.logger.With("key", e.Key, "kind", e.Kind)
	// A claim taken a while ago (a long queue) is renewed before acting.
	if e.ClaimExpiresAt.Sub(a.now()) < a.opts.ClaimTTL/2 {
		until := a.now().Add(a.opts.ClaimTTL)
		ok, err := a.inbox.Renew(ctx, e.Key, e.Claim, until)
		if err != nil || !ok {
			log.Warn("slack inbox claim not renewed; left to whoever takes it", "err", err)
			return
		}
		e.ClaimExpiresAt = until
	}
	if turn, err := a.turn(ctx, e); err != nil {
		log.Warn("read slack inbox order; will try again", "err", err)
		a.retryLater(e, log)
		return
	} else if !turn {
		// An earlier delivery of the channel is unfinished: waiting to be
		// tried again, handled elsewhere, or queued behind this one. This
		// one goes after it, through the recovery loop, which the earlier
		// one's end kicks (the backlog).
		log.Debug("slack delivery out of its turn; given back")
		a.giveBack(context.WithoutCancel(ctx), e, a.now())
		a.setBacklog()
		yielded = true
		return
	}
	ctx, cancel := context.WithCancel(ctx)
	defer cancel()
	defer a.keepClaim(ctx, cancel, e, log)()
	defer func() {
		if r := recover(); r != nil {
			log.Error("slack delivery panicked", "panic", fmt.Sprint(r), "attempt", e.Attempts)
			a.retryLater(e, log)
		}
	}()

	var out []outbound
	recovering := e.State == InboxReplied // it may have been posted already
	if e.State == InboxReplied {
		if err := json.Unmarshal(e.Reply, &out); err != nil {
			log.Error("slack inbox reply unreadable; entry dropped", "err", err)
			a.finish(e, "", log)
			return
		}
	} else {
		var j job
		if err := json.Unmarshal(e.Payload, &j); err != nil {
			log.Error("slack inbox payload unreadable; entry dropped", "err", err)
			a.finish(e, "", log)
			return
		}
		var h *handling
		if e.Attempts > a.opts.MaxAttempts {
			log.Error("slack delivery failed too often; answering with an error", "attempts", e.Attempts-1)
			out = a.poisonReply(ctx, j, e)
		} else {
			wctx := ctx
			if _, ok := a.inbox.(AfterReplier); ok && j.Kind == kindMessage {
				h = &handling{}
				wctx = context.WithValue(ctx, handlingKey{}, h)
			}
			out = a.work(wctx, j)
			if ctx.Err() != nil {
				return // closing, or the claim was lost: handled again later
			}
		}
		reply, err := json.Marshal(out)
		if err != nil {
			log.Error("encode slack reply", "err", err)
			a.finish(e, "", log)
			return
		}
		var ok bool
		if h != nil && h.wait != nil {
			ok, err = a.replyAfter(ctx, e, j, h, &out, reply, log)
		} else {
			ok, err = a.inbox.Reply(ctx, e.Key, e.Claim, reply)
		}
		if err != nil {
			log.Warn("store slack reply", "err", err)
			a.retryLater(e, log)
			return
		}
		if !ok {
			log.Warn("slack inbox claim lost before the reply was stored; not posted")
			return
		}
	}
	ts, err := a.deliver(ctx, e, out, recovering)
	// Slack throttling (429) past the call's own retries is waited out
	// here, however long it lasts, the claim renewed meanwhile: the reply
	// is stored (replied) and never given up for it, and the channel's
	// later replies wait behind it, so that they keep their order. Should
	// this process stop, the next holder posts it (issue 20).
	for err != nil && ctx.Err() == nil {
		var rl *slack.RateLimitedError
		if !errors.As(err, &rl) {
			break
		}
		log.Warn("slack reply throttled; waiting", "attempt", e.Attempts, "retry_after", rl.RetryAfter)
		t := time.NewTimer(max(min(rl.RetryAfter, a.opts.MaxRetryAfter), a.opts.RetryBackoff))
		select {
		case <-ctx.Done():
			t.Stop()
		case <-t.C:
			ts, err = a.deliver(ctx, e, out, true) // what was posted is found, not posted again
		}
	}
	if err != nil {
		if ctx.Err() != nil {
			return
		}
		if e.Attempts >= a.opts.MaxAttempts {
			log.Error("slack reply not posted; giving up", "attempts", e.Attempts, "err", err)
			a.finish(e, "", log)
			return
		}
		log.Warn("slack reply not posted; will try again", "attempt", e.Attempts, "err", err)
		a.retryLater(e, log)
		return
	}
	a.finish(e, ts, log)
}

// How long a worker lets the deliveries being received go first, before
// each entry it handles: at most yieldMax, looking every yieldStep, while
// one is being received or one ended less than yieldQuiet ago.
const (
	yieldMax   = 200 * time.Millisecond
	yieldStep  = time.Millisecond
	yieldQuiet = 5 * time.Millisecond
)

// received ends the receipt of a delivery, begun with receiving.Add(1)
// (see yieldToDeliveries).
func (a *Adapter) received() {
	a.lastReceived.Store(int64(time.Since(a.epoch)))
	a.receiving.Add(-1)
}

// busyReceiving reports whether a delivery is being received, or one
// ended less than yieldQuiet ago: a burst's senders leave short gaps
// (their own CPU, on a busy machine) that are no end of it.
func (a *Adapter) busyReceiving() bool {
	return a.receiving.Load() > 0 || time.Since(a.epoch)-time.Duration(a.lastReceived.Load()) < yieldQuiet
}

// yieldToDeliveries waits, up to yieldMax, while deliveries are being
// received (busyReceiving). Their acknowledgement is what Slack waits for (3 s, else it
// delivers again and, past a few failures, disables the app's events),
// and every one of them is recorded before it is acknowledged; the
// handling of what is recorded can wait. Under a burst of 32 concurrent
// senders on 2 cores (issue 19), the workers' handling, its writes and its
// replies took about a third of the process's CPU while the burst was
// being acknowledged. The bound keeps entries moving under a sustained
// stream (4 workers: at least 20 entries a second), and holds no claim
// long: one is renewed before acting when half of its time is gone.
func (a *Adapter) yieldToDeliveries() {
	for waited := time.Duration(0); waited < yieldMax && a.busyReceiving() && !a.closing.Load(); waited += yieldStep {
		time.Sleep(yieldStep)
	}
}

// keepClaim renews e's claim every third of ClaimTTL until the returned
// function is called; when the claim is lost (or cannot be renewed before
// it expires) it cancels ctx, so that the work stops acting.
func (a *Adapter) keepClaim(ctx context.Context, cancel context.CancelFunc, e InboxEntry, log *slog.Logger) func() {
	done := make(chan struct{})
	var wg sync.WaitGroup
	wg.Go(func() {
		t := time.NewTicker(max(a.opts.ClaimTTL/3, time.Millisecond))
		defer t.Stop()
		expires := e.ClaimExpiresAt
		for {
			select {
			case <-done:
				return
			case <-ctx.Done():
				return
			case <-t.C:
			}
			until := a.now().Add(a.opts.ClaimTTL)
			ok, err := a.inbox.Renew(ctx, e.Key, e.Claim, until)
			switch {
			case err != nil && ctx.Err() == nil && !a.now().Before(expires):
				log.Warn("slack inbox claim expired unrenewed; stopping", "err", err)
				cancel()
				return
			case err == nil && !ok:
				log.Warn("slack inbox claim taken over; stopping")
				cancel()
				return
			case err == nil:
				expires = until
			}
		}
	})
	return func() {
		close(done)
		wg.Wait()
	}
}

// retryLater releases e's claim until a backoff that grows with its
// attempts, so that it is handled again then (here or elsewhere).
func (a *Adapter) retryLater(e InboxEntry, log *slog.Logger) {
	wait := min(time.Duration(e.Attempts)*a.opts.RetryBackoff, time.Minute)
	ctx, cancel := context.WithTimeout(context.Background(), 10*time.Second)
	defer cancel()
	if _, err := a.inbox.Release(ctx, e.Key, e.Claim, a.now().Add(wait)); err != nil {
		log.Warn("release slack inbox entry", "err", err)
	}
}

// finish marks e done, with the posted reply's ts; when the inbox fails,
// the entry is released to be finished later.
//
// With a QueuedFinisher the worker does not wait for it: the change is
// queued, and the worker goes on to its next entry, whose writes share
// the commit (a profile of serve answering 10,000 Slack events, issue 19,
// showed each worker waiting on three commits per event, in turn, so that
// the group committer's batches held a few units and its BEGIN and COMMIT
// were a third of the process's CPU). Only the next entry of the same
// channel waits for it (awaitFinish), before its turn is read: the turn
// reads the inbox, where the entry must be done by then. Should the change
// fail, the entry is released as before, and handled again: its reply,
// posted, is found and not posted twice.
func (a *Adapter) finish(e InboxEntry, ts string, log *slog.Logger) {
	end := func(ok bool, err error) {
		if err != nil {
			// Handled again after a backoff: a reply posted is found, not
			// posted twice.
			log.Warn("mark slack delivery done; will try again", "err", err)
			a.retryLater(e, log)
		} else if !ok {
			log.Warn("slack inbox claim lost before the entry was marked done")
		}
	}
	qf, queued := a.inbox.(QueuedFinisher)
	if !queued {
		ctx, cancel := context.WithTimeout(context.Background(), 10*time.Second)
		defer cancel()
		end(a.inbox.Finish(ctx, e.Key, e.Claim, ts, a.now()))
		return
	}
	wait := qf.FinishQueued(context.Background(), e.Key, e.Claim, ts, a.now())
	done := make(chan struct{})
	a.finishing.Store(e.Channel, done)
	a.finishes.Go(func() {
		defer func() {
			close(done)
			a.finishing.CompareAndDelete(e.Channel, done)
		}()
		ctx, cancel := context.WithTimeout(context.Background(), 10*time.Second)
		defer cancel()
		end(wait(ctx))
		if a.backlog.Load() && a.pool.halfEmpty(e.Channel) {
			a.kick() // see process
		}
	})
}

// awaitFinish waits until the last entry of channel this process marked
// done (finish) is so in the inbox, or its failure handled.
func (a *Adapter) awaitFinish(channel string) {
	if v, ok := a.finishing.Load(channel); ok {
		<-v.(chan struct{})
	}
}

// work handles a job and returns what to post.
func (a *Adapter) work(ctx context.Context, j job) []outbound {
	switch j.Kind {
	case kindMessage:
		return a.converse(ctx, j)
	case kindCommand:
		return a.answerSlash(ctx, j)
	case kindClick:
		return a.click(ctx, j)
	case kindAssistant:
		a.assistantStarted(ctx, j)
		return nil
	}
	a.logger.Warn("unknown slack inbox entry kind", "kind", j.Kind, "id", j.ID)
	return nil
}

// poisonReply is the one answer to a delivery that failed too often.
func (a *Adapter) poisonReply(ctx context.Context, j job, e InboxEntry) []outbound {
	l := langOf(a.users.cached(j.User).Locale, a.opts.Lang)
	r := deploybot.Reply{Lang: l, Text: l.Pick(
		fmt.Sprintf("❌ Je n'ai pas pu traiter ce message après %d essais (réf. %s). Réessayez, ou signalez-le.", e.Attempts-1, e.Key),
		fmt.Sprintf("❌ I could not handle this message after %d attempts (ref %s). Try again, or report it.", e.Attempts-1, e.Key))}
	switch j.Kind {
	case kindMessage:
		return []outbound{a.outPost(ctx, j.Channel, j.Thread, r)}
	case kindCommand, kindClick:
		return []outbound{a.outEphemeral(ctx, j.Channel, j.User, j.Thread, r)}
	}
	return nil
}

// turn reports whether e may be handled now: no earlier delivery of its
// channel is unfinished, whoever holds it (see OrderedInbox). Without an
// OrderedInbox, the worker's queue is the only order.
func (a *Adapter) turn(ctx context.Context, e InboxEntry) (bool, error) {
	oi, ok := a.inbox.(OrderedInbox)
	if !ok || e.Channel == "" {
		return true, nil
	}
	return oi.Turn(ctx, e.Channel, e.Key, e.ReceivedAt)
}

// giveBack returns e's claim to the inbox, unhandled: claimable at once by
// any process, and, with an OrderedInbox, with the claim's attempt taken
// back, since giving back is no failure of e's.
func (a *Adapter) giveBack(ctx context.Context, e InboxEntry, now time.Time) {
	// Retried: an entry not given back stays held by this process, with no
	// worker to handle it, until its claim expires (a minute). On
	// PostgreSQL a give-back can meet a deadlock with another replica's
	// batch (SQLSTATE 40P01): TestReplicas then answered a thread a minute
	// late.
	delay := 10 * time.Millisecond
	for attempt := 1; ; attempt++ {
		var err error
		if oi, ok := a.inbox.(OrderedInbox); ok {
			_, err = oi.Yield(ctx, e.Key, e.Claim)
		} else {
			_, err = a.inbox.Release(ctx, e.Key, e.Claim, now)
		}
		if err == nil {
			return
		}
		if attempt == giveBackAttempts || ctx.Err() != nil {
			a.logger.Warn("give back slack inbox entry", "key", e.Key, "attempts", attempt, "err", err)
			return
		}
		select {
		case <-ctx.Done():
		case <-time.After(delay):
		}
		delay *= 2
	}
}

// giveBackAttempts bounds giveBack's tries (about 2.5 s in all).
const giveBackAttempts = 8

// maxSlackSkew bounds how far Slack's time of an event may stand from this
// process' clock for it to order the channel's entries.
const maxSlackSkew = 10 * time.Minute

// orderTime is the time that orders an entry among its channel's: Slack's
// own time of the message or click (its ts, the same for every replica
// and every retried delivery), so that two replicas whose clocks differ
// still answer a thread in the order of its messages; this process' clock
// for what carries no ts (slash commands), or a ts too far from it.
func orderTime(slack, now time.Time) time.Time {
	if slack.IsZero() || slack.Sub(now) > maxSlackSkew || now.Sub(slack) > maxSlackSkew {
		return now
	}
	return slack
}
