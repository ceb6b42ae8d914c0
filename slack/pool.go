package slack

import (
	"context"
	"errors"
	"fmt"
	"hash/fnv"
	"log/slog"
	"sync"
)

// errClosed is returned when work arrives after Close.
var errClosed = errors.New("slack adapter is closing")

// errQueueFull is returned when a worker's queue is full.
var errQueueFull = errors.New("slack work queue is full")

// pool is a bounded set of workers. The work of one channel always goes to
// the same worker, so that messages of a channel are handled, and answered,
// in the order they arrived; channels are spread over the workers. The
// queues only say what to do now: the inbox is the record of what is to
// do, so that work that finds no room waits there.
type pool struct {
	ctx    context.Context // the work's context: ends when the pool is abandoned
	logger *slog.Logger
	queues []chan func(context.Context)

	mu     sync.RWMutex // guards closed against sends on closed queues
	closed bool
	wg     sync.WaitGroup
}

func newPool(ctx context.Context, workers, size int, logger *slog.Logger) *pool {
	p := &pool{ctx: ctx, logger: logger, queues: make([]chan func(context.Context), workers)}
	for i := range p.queues {
		q := make(chan func(context.Context), size)
		p.queues[i] = q
		p.wg.Go(func() {
			for work := range q {
				p.run(work)
			}
		})
	}
	return p
}

// run calls work, turning a panic into a logged error so that one bad
// message does not stop its worker.
func (p *pool) run(work func(context.Context)) {
	defer func() {
		if r := recover(); r != nil {
			p.logger.Error("slack work panicked", "panic", fmt.Sprint(r))
		}
	}()
	work(p.ctx)
}

func (p *pool) queue(channel string) chan func(context.Context) {
	return p.queues[p.slot(channel)]
}

// slot returns the index of the worker of channel.
func (p *pool) slot(channel string) int {
	h := fnv.New32a()
	_, _ = h.Write([]byte(channel))
	return int(h.Sum32() % uint32(len(p.queues)))
}

// free returns how much work the worker i can take now.
func (p *pool) free(i int) int {
	p.mu.RLock()
	defer p.mu.RUnlock()
	if p.closed {
		return 0
	}
	q := p.queues[i]
	return cap(q) - len(q)
}

// hasRoom reports whether the worker of channel can take work now.
func (p *pool) hasRoom(channel string) bool {
	p.mu.RLock()
	defer p.mu.RUnlock()
	q := p.queue(channel)
	return !p.closed && len(q) < cap(q)
}

// halfEmpty reports whether the worker of channel has half its queue or
// more free.
func (p *pool) halfEmpty(channel string) bool {
	p.mu.RLock()
	defer p.mu.RUnlock()
	q := p.queue(channel)
	return !p.closed && len(q) <= cap(q)/2
}

// anyHalfEmpty reports whether some worker has half its queue or more
// free.
func (p *pool) anyHalfEmpty() bool {
	p.mu.RLock()
	defer p.mu.RUnlock()
	if p.closed {
		return false
	}
	for _, q := range p.queues {
		if len(q) <= cap(q)/2 {
			return true
		}
	}
	return false
}

// anyRoom reports whether some worker can take work now.
func (p *pool) anyRoom() bool {
	p.mu.RLock()
	defer p.mu.RUnlock()
	if p.closed {
		return false
	}
	for _, q := range p.queues {
		if len(q) < cap(q) {
			return true
		}
	}
	return false
}

// trySubmit queues work on the worker of channel without waiting: it fails
// when the queue is full or the pool is closed.
func (p *pool) trySubmit(channel string, work func(context.Context)) error {
	p.mu.RLock()
	defer p.mu.RUnlock()
	if p.closed {
		return errClosed
	}
	select {
	case p.queue(channel) <- work:
		return nil
	default:
		return errQueueFull
	}
}

// close stops accepting work and waits for the queued work to finish, or
// for ctx to end.
func (p *pool) close(ctx context.Context) error {
	p.mu.Lock()
	if !p.closed {
		p.closed = true
		for _, q := range p.queues {
			close(q)
		}
	}
	p.mu.Unlock()
	done := make(chan struct{})
	go func() {
		p.wg.Wait()
		close(done)
	}()
	select {
	case <-done:
		return nil
	case <-ctx.Done():
		return fmt.Errorf("drain: %w", ctx.Err())
	}
}

// channelLocks serialises the Web API calls of each channel, so that
// messages posted to one channel (replies and notifications alike, with
// their rate-limit retries) keep their order.
type channelLocks struct {
	m sync.Map // channel -> *sync.Mutex
}

func (c *channelLocks) lock(channel string) func() {
	v, _ := c.m.LoadOrStore(channel, &sync.Mutex{})
	mu := v.(*sync.Mutex)
	mu.Lock()
	return mu.Unlock
}
