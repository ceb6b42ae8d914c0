package slack

import (
	"context"
	"fmt"
	"strings"

	"deploybot"
)

var _ deploybot.Poster = (*Adapter)(nil)

// Post posts r in channel (an id like C0123 or a name like #deploys), in
// thread when thread is set, and returns the reference Update takes:
// "CHANNEL_ID|ts". Actors in its texts are shown by name. Rate limits are
// waited out; messages of one channel keep their order.
func (a *Adapter) Post(ctx context.Context, channel, thread string, r deploybot.Reply) (string, error) {
	if channel == "" {
		return "", fmt.Errorf("slack: post: %w", deploybot.Errorf(deploybot.EINVALID, "no Slack channel to post in"))
	}
	ch, ts, err := a.postMessage(ctx, channel, thread, messageOptions(a.humanize(ctx, r))...)
	if err != nil {
		return "", fmt.Errorf("slack: post: %w", err)
	}
	return ch + "|" + ts, nil
}

// Update replaces the message ref (from Post) by r.
func (a *Adapter) Update(ctx context.Context, ref string, r deploybot.Reply) error {
	ch, ts, ok := strings.Cut(ref, "|")
	if !ok || ch == "" || ts == "" {
		return fmt.Errorf("slack: update: %w", deploybot.Errorf(deploybot.EINVALID, "bad Slack message reference %q", ref))
	}
	if err := a.updateMessage(ctx, ch, ts, messageOptions(a.humanize(ctx, r))...); err != nil {
		return fmt.Errorf("slack: update: %w", err)
	}
	return nil
}

// ThreadOf returns the channel and thread of a message posted with Post, so
// that what follows it (monitoring alerts, the summary) goes under it. A
// message already inside a thread keeps that thread's replies together.
func (a *Adapter) ThreadOf(ref string) (channel, thread string, ok bool) {
	ch, ts, ok := strings.Cut(ref, "|")
	if !ok || ch == "" || ts == "" {
		return "", "", false
	}
	return ch, ts, true
}
