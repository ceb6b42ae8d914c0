package terminal

import (
	"context"
	"fmt"
	"io"
	"sync"

	"deploybot"
)

var _ deploybot.Poster = (*Poster)(nil)

// Poster prints the messages the bot starts itself (reminders,
// notifications) on a writer, for local use without Slack. Each message is
// headed by its channel and reference, then rendered as chat replies are:
//
//	[#deploys] t1
//	bot> ☀️ The recommended deployment window is open until 16:00...
//
// Update prints what changed in a message under the same reference,
// marked "updated": one line for a deployment's new state. A Poster is
// safe for concurrent use.
type Poster struct {
	Style Style // how messages are drawn; plain by default

	mu       sync.Mutex
	w        io.Writer
	n        int
	channels map[string]string // reference -> channel and thread heading
	shown    recentPosts
}

// NewPoster returns a Poster that prints on w.
func NewPoster(w io.Writer) *Poster {
	return &Poster{w: w, channels: make(map[string]string)}
}

// Post prints r as a new message in channel (and thread, if not empty) and
// returns its reference: "t1", "t2"...
func (p *Poster) Post(ctx context.Context, channel, thread string, r deploybot.Reply) (string, error) {
	if err := ctx.Err(); err != nil {
		return "", fmt.Errorf("terminal: post to %s: %w", channel, err)
	}
	p.mu.Lock()
	defer p.mu.Unlock()
	p.n++
	ref := fmt.Sprintf("t%d", p.n)
	where := channel
	if thread != "" {
		where += " › " + thread
	}
	p.channels[ref] = where
	p.shown.put(ref, r)
	if _, err := fmt.Fprintf(p.w, "[%s] %s\n%s", where, ref, p.Style.Render(r)); err != nil {
		return "", fmt.Errorf("terminal: post to %s: %w", channel, err)
	}
	return ref, nil
}

// Update prints what changed in the message ref, once.
func (p *Poster) Update(ctx context.Context, ref string, r deploybot.Reply) error {
	if err := ctx.Err(); err != nil {
		return fmt.Errorf("terminal: update %s: %w", ref, err)
	}
	p.mu.Lock()
	defer p.mu.Unlock()
	where, ok := p.channels[ref]
	if !ok {
		return fmt.Errorf("terminal: update %s: no such message", ref)
	}
	prev, _ := p.shown.get(ref)
	p.shown.put(ref, r)
	text, changed := p.Style.Update(prev, r)
	if !changed {
		return nil
	}
	if _, err := fmt.Fprintf(p.w, "[%s] %s (updated)\n%s", where, ref, text); err != nil {
		return fmt.Errorf("terminal: update %s: %w", ref, err)
	}
	return nil
}
