package slack

import (
	"context"
	"errors"
	"fmt"
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
		a.throttled.Add(1)
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
