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
// Update prints the new version of a message under the same reference,
// marked "updated". A Poster is safe for concurrent use.
type Poster struct {
	mu       sync.Mutex
	w        io.Writer
	n        int
	channels map[string]string // reference -> channel and thread heading
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
	if _, err := fmt.Fprintf(p.w, "[%s] %s\n%s", where, ref, Render(r)); err != nil {
		return "", fmt.Errorf("terminal: post to %s: %w", channel, err)
	}
	return ref, nil
}

// Update prints the new version of the message ref.
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
	if _, err := fmt.Fprintf(p.w, "[%s] %s (updated)\n%s", where, ref, Render(r)); err != nil {
		return fmt.Errorf("terminal: update %s: %w", ref, err)
	}
	return nil
}
