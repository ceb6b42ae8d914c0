package slack

import (
	"context"
	"strings"
	"sync"
	"time"

	"github.com/slack-go/slack"
)

// threadSet remembers, for a while, a yes/no about threads (channel and
// thread ts): whether the bot takes part in them, whether an assistant
// thread still waits for its title. Expired entries are swept as new ones
// arrive, so that it stays bounded. It is safe for concurrent use.
type threadSet struct {
	now func() time.Time
	ttl time.Duration

	mu      sync.Mutex
	m       map[string]threadEntry
	sweepAt time.Time
}

type threadEntry struct {
	yes     bool
	expires time.Time
}

func newThreadSet(now func() time.Time, ttl time.Duration) *threadSet {
	return &threadSet{now: now, ttl: ttl, m: make(map[string]threadEntry)}
}

func threadKey(channel, ts string) string { return channel + "|" + ts }

// set records yes for the thread, for the set's ttl from now.
func (s *threadSet) set(channel, ts string, yes bool) {
	if channel == "" || ts == "" {
		return
	}
	now := s.now()
	s.mu.Lock()
	defer s.mu.Unlock()
	s.m[threadKey(channel, ts)] = threadEntry{yes: yes, expires: now.Add(s.ttl)}
	if now.After(s.sweepAt) {
		for k, e := range s.m {
			if !now.Before(e.expires) {
				delete(s.m, k)
			}
		}
		s.sweepAt = now.Add(min(s.ttl, time.Minute))
	}
}

// get returns what is known of the thread: known is false when nothing
// was recorded or it expired.
func (s *threadSet) get(channel, ts string) (yes, known bool) {
	s.mu.Lock()
	defer s.mu.Unlock()
	e, ok := s.m[threadKey(channel, ts)]
	if !ok || !s.now().Before(e.expires) {
		return false, false
	}
	return e.yes, true
}

// take reports whether the thread is recorded as yes, and forgets it: it
// is true once.
func (s *threadSet) take(channel, ts string) bool {
	s.mu.Lock()
	defer s.mu.Unlock()
	k := threadKey(channel, ts)
	e, ok := s.m[k]
	if !ok {
		return false
	}
	delete(s.m, k)
	return e.yes && s.now().Before(e.expires)
}

// maxReplyPages bounds the conversations.replies pages read to learn
// whether the bot takes part in a thread.
const maxReplyPages = 5

// inThread reports whether the bot takes part in the thread ts of channel:
// it posted in it or was mentioned in it. The answer is remembered (the
// threads where the bot posts or is mentioned are recorded as that
// happens); on a miss, for instance after a restart, conversations.replies
// tells. When Slack cannot be asked the answer is no, not remembered.
func (a *Adapter) inThread(ctx context.Context, channel, ts string) bool {
	if yes, known := a.threads.get(channel, ts); known {
		return yes
	}
	bot, botID := a.BotUserID(), a.botID.Load().(string)
	params := &slack.GetConversationRepliesParameters{ChannelID: channel, Timestamp: ts, Limit: 200}
	for range maxReplyPages {
		var msgs []slack.Message
		var more bool
		var cursor string
		err := a.call(ctx, "conversations.replies", func() error {
			var err error
			msgs, more, cursor, err = a.api.GetConversationRepliesContext(ctx, params)
			return err
		})
		if err != nil {
			a.logger.Warn("read slack thread", "channel", channel, "thread", ts, "err", err)
			return false
		}
		for _, m := range msgs {
			if (bot != "" && (m.User == bot || strings.Contains(m.Text, "<@"+bot))) || (botID != "" && m.BotID == botID) {
				a.threads.set(channel, ts, true)
				return true
			}
		}
		if !more || cursor == "" {
			break
		}
		params.Cursor = cursor
	}
	a.threads.set(channel, ts, false)
	return false
}
