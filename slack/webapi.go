package slack

import (
	"context"
	"errors"
	"fmt"
	"sync"
	"time"

	"github.com/slack-go/slack"
)

// call runs one Web API call, retrying it when Slack answers 429: it waits
// the Retry-After Slack gave (at most MaxRetryAfter) and tries again, up to
// MaxRetries times. The method name is for the logs.
func (a *Adapter) call(ctx context.Context, method string, f func() error) error {
	for attempt := 0; ; attempt++ {
		err := f()
		var rl *slack.RateLimitedError
		if !errors.As(err, &rl) {
			return err
		}
		if attempt >= a.opts.MaxRetries {
			return fmt.Errorf("%s: still rate limited after %d retries: %w", method, attempt, err)
		}
		wait := min(rl.RetryAfter, a.opts.MaxRetryAfter)
		a.logger.Warn("slack rate limited", "method", method, "retry_after", rl.RetryAfter, "attempt", attempt+1)
		t := time.NewTimer(wait)
		select {
		case <-ctx.Done():
			t.Stop()
			return fmt.Errorf("%s: waiting out a rate limit: %w", method, ctx.Err())
		case <-t.C:
		}
	}
}

// postMessage posts blocks in channel (in thread when thread is set) and
// returns the channel id and the message ts.
func (a *Adapter) postMessage(ctx context.Context, channel, thread string, opts ...slack.MsgOption) (string, string, error) {
	defer a.order.lock(channel)()
	if thread != "" {
		opts = append(opts, slack.MsgOptionTS(thread))
	}
	var ch, ts string
	err := a.call(ctx, "chat.postMessage", func() error {
		var err error
		ch, ts, err = a.api.PostMessageContext(ctx, channel, opts...)
		return err
	})
	if err != nil {
		return "", "", fmt.Errorf("chat.postMessage %s: %w", channel, err)
	}
	// The bot takes part in this thread now (or starts one under its
	// message): replies there continue the conversation.
	a.threads.set(ch, orElse(thread, ts), true)
	return ch, ts, nil
}

// postEphemeral shows a message to user only, in channel.
func (a *Adapter) postEphemeral(ctx context.Context, channel, user, thread string, opts ...slack.MsgOption) error {
	defer a.order.lock(channel)()
	if thread != "" {
		opts = append(opts, slack.MsgOptionTS(thread))
	}
	err := a.call(ctx, "chat.postEphemeral", func() error {
		_, err := a.api.PostEphemeralContext(ctx, channel, user, opts...)
		return err
	})
	if err != nil {
		return fmt.Errorf("chat.postEphemeral %s: %w", channel, err)
	}
	return nil
}

// updateMessage replaces the message ts of channel.
func (a *Adapter) updateMessage(ctx context.Context, channel, ts string, opts ...slack.MsgOption) error {
	defer a.order.lock(channel)()
	err := a.call(ctx, "chat.update", func() error {
		_, _, _, err := a.api.UpdateMessageContext(ctx, channel, ts, opts...)
		return err
	})
	if err != nil {
		return fmt.Errorf("chat.update %s %s: %w", channel, ts, err)
	}
	return nil
}

// user is what the adapter knows of a Slack user.
type user struct {
	ID     string
	Name   string // the handle, used as deploybot.Message.User
	Locale string // e.g. "fr-FR"; may be empty
}

// userCache resolves Slack user ids to names through users.info, caching
// each answer for a while. A failed lookup falls back to the id, not
// cached, so that the next message tries again.
type userCache struct {
	a   *Adapter
	ttl time.Duration

	mu    sync.Mutex
	users map[string]cachedUser
}

type cachedUser struct {
	u       user
	expires time.Time
}

func newUserCache(a *Adapter, ttl time.Duration) *userCache {
	return &userCache{a: a, ttl: ttl, users: make(map[string]cachedUser)}
}

// get returns the user id names.
func (c *userCache) get(ctx context.Context, id string) user {
	if id == "" {
		return user{}
	}
	now := time.Now()
	c.mu.Lock()
	cu, ok := c.users[id]
	c.mu.Unlock()
	if ok && now.Before(cu.expires) {
		return cu.u
	}
	var info *slack.User
	err := c.a.call(ctx, "users.info", func() error {
		var err error
		info, err = c.a.api.GetUserInfoContext(ctx, id, slack.GetUserInfoOptionIncludeLocale(true))
		return err
	})
	if err != nil || info == nil {
		c.a.logger.Warn("resolve slack user", "user_id", id, "err", err)
		if ok {
			return cu.u // a stale name keeps the identity stable
		}
		// Unknown: the name stays empty, so that no one acts under an
		// identity that access lists and the four-eyes rule cannot match.
		return user{ID: id}
	}
	u := user{ID: id, Name: info.Name, Locale: info.Locale}
	if u.Name == "" {
		u.Name = id
	}
	c.mu.Lock()
	c.users[id] = cachedUser{u: u, expires: now.Add(c.ttl)}
	c.mu.Unlock()
	return u
}

// userIDKey is the context key of the Slack user id of the message being
// handled.
type userIDKey struct{}

// UserID returns the Slack user id (U...) of whoever wrote the message a
// Handler is answering, when it came from this adapter; Message.User holds
// the resolved name.
func UserID(ctx context.Context) (string, bool) {
	id, ok := ctx.Value(userIDKey{}).(string)
	return id, ok && id != ""
}

func withUserID(ctx context.Context, id string) context.Context {
	return context.WithValue(ctx, userIDKey{}, id)
}

// display is the name to show for u: its name, else its id.
func (u user) display() string {
	if u.Name == "" {
		return u.ID
	}
	return u.Name
}
