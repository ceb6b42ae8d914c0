package terminal

import (
	"bufio"
	"context"
	"io"

	"deploybot"
)

// printer prints a scripted chat's output in the order it was queued,
// each piece once what it waits for is done: a reply once its message's
// audit entry is committed. Its output is buffered and flushed whenever
// nothing more is queued, so that a busy script writes in large blocks
// and an idle one shows each reply at once.
type printer struct {
	ctx    context.Context
	w      *bufio.Writer
	items  chan printItem
	done   chan struct{}
	failed chan struct{} // closed at the first error
	err    error         // the first error; read after failed or done is closed
}

type printItem struct {
	text   string
	render func() string               // when set, what is printed, rendered on the printer's goroutine
	wait   func(context.Context) error // nil: print at once
	failed string                      // printed instead of text when wait fails
}

// resolve waits for it and returns what to print: failed if its wait
// failed, else its text. It returns ctx's error if ctx ended.
func (it printItem) resolve(ctx context.Context) (string, error) {
	if it.wait != nil {
		if err := it.wait(ctx); err != nil {
			if ctx.Err() != nil {
				return "", ctx.Err()
			}
			return it.failed, nil
		}
	}
	if it.render != nil {
		return it.render(), nil
	}
	return it.text, nil
}

// printQueue is how many pieces may wait to be printed: beyond it, the
// chat waits for the printer (the group committer commits at most
// store.maxGroupBatch entries at once).
const printQueue = 4096

func newPrinter(ctx context.Context, out io.Writer) *printer {
	p := &printer{ctx: ctx, w: bufio.NewWriterSize(out, 64<<10), items: make(chan printItem, printQueue),
		done: make(chan struct{}), failed: make(chan struct{})}
	go p.run()
	return p
}

// queue adds it to the output, or returns the printer's error if it
// stopped.
func (p *printer) queue(it printItem) error {
	select {
	case <-p.failed:
		return p.err
	default:
	}
	select {
	case p.items <- it:
		return nil
	case <-p.failed:
		return p.err
	}
}

// close prints what is queued and returns the first error.
func (p *printer) close() error {
	close(p.items)
	<-p.done
	return p.err
}

func (p *printer) fail(err error) {
	if p.err == nil {
		p.err = err
		close(p.failed)
	}
}

func (p *printer) run() {
	defer close(p.done)
	// While more is queued behind a reply, its wait is patient: a store
	// that batches its commits may let the reply's entry wait for company
	// (deploybot.WithPatience, store.DB.LingerCommits). The last reply
	// queued is waited for at once: the chat may be waiting for input.
	patient := deploybot.WithPatience(p.ctx)
	for it := range p.items {
		if p.err != nil {
			continue // drain: the chat stops at its next queue
		}
		ctx := p.ctx
		if len(p.items) > 0 {
			ctx = patient
		}
		text, err := it.resolve(ctx)
		if err != nil {
			p.fail(err)
			continue
		}
		if _, err := p.w.WriteString(text); err != nil {
			p.fail(err)
			continue
		}
		if len(p.items) == 0 {
			if err := p.w.Flush(); err != nil {
				p.fail(err)
			}
		}
	}
	if p.err == nil {
		if err := p.w.Flush(); err != nil {
			p.fail(err)
		}
	}
}
