// Package terminal is the chat adapter for a terminal: an interactive prompt
// with line editing and history on a TTY, and a scripted mode that reads one
// message per line when standard input is a pipe or a file.
package terminal

import (
	"bufio"
	"context"
	"fmt"
	"io"
	"log/slog"
	"os"
	"runtime"
	"strconv"
	"strings"
	"sync"
	"sync/atomic"
	"time"

	"golang.org/x/term"

	"deploybot"
)

// start runs Start, once the chat prints: what it posts is seen.
func (c *Chat) start(ctx context.Context) error {
	if c.Start == nil {
		return nil
	}
	return c.Start(ctx)
}

// Settler is implemented by handlers that start work in the background (a
// deployment, say). The scripted chat waits for it after each line and at
// the end of input, so that a script sees the outcome of each message.
type Settler interface {
	Settle(ctx context.Context) error
}

// Chat runs a conversation between one terminal and a Handler.
type Chat struct {
	Handler deploybot.Handler
	User    string // who speaks, unless a scripted line says "[name] text"
	// Scripted lets an interactive session speak as others with
	// "[name] text", as a script always may (chat --scripted). Without
	// it, an interactive session speaks only as User: the terminal's
	// person, who may be the chat's admin, cannot lend that identity.
	Scripted bool
	Channel  string // channel id recorded with each message; default "terminal"
	// Style draws the replies: ANSI bold and italics when the output is a
	// terminal (see UseANSI), plain text otherwise.
	Style  Style
	Now    deploybot.Clock // clock for message times; default the system clock
	Logger *slog.Logger
	// Start runs once the chat prints and before it reads: the work it
	// starts (deployments adopted from a process that stopped) posts its
	// news here.
	Start func(ctx context.Context) error

	lines   int    // messages handled, for ids
	session string // this session's id, so that message ids are unique across sessions

	mu    sync.Mutex // guards out, pr, posts and shown: replies and notifications interleave
	out   io.Writer
	pr    *printer // the scripted chat's ordered output; nil: write to out at once
	posts int
	shown recentPosts // the last version printed of each message the bot posted
}

// write prints s on the chat's output; replies and notifications from
// background work never interleave within a message. In a script, s is
// printed after what was queued before it (replies waiting for their
// audit entry's commit).
func (c *Chat) write(s string) error {
	return c.print(printItem{text: s})
}

func (c *Chat) setOutput(w io.Writer) {
	c.mu.Lock()
	c.out = w
	c.mu.Unlock()
}

// Poster returns a deploybot.Poster that prints the messages the bot starts
// itself (deployment notifications, updates, alerts) into this chat.
func (c *Chat) Poster() deploybot.Poster { return chatPoster{c} }

type chatPoster struct{ c *Chat }

// Post prints a message the bot starts (a deployment's card) whole.
func (p chatPoster) Post(_ context.Context, channel, thread string, r deploybot.Reply) (string, error) {
	p.c.mu.Lock()
	p.c.posts++
	ref := "post-" + strconv.Itoa(p.c.posts)
	p.c.shown.put(ref, r)
	p.c.mu.Unlock()
	return ref, p.c.write(p.c.Style.Render(r))
}

// Update prints what changed in a message posted before, on one line
// (its new state), once: an update that changes nothing prints nothing.
func (p chatPoster) Update(_ context.Context, ref string, r deploybot.Reply) error {
	p.c.mu.Lock()
	prev, ok := p.c.shown.get(ref)
	p.c.shown.put(ref, r)
	p.c.mu.Unlock()
	if !ok {
		return p.c.write(p.c.Style.Render(r))
	}
	if s, changed := p.c.Style.Update(prev, r); changed {
		return p.c.write(s)
	}
	return nil
}

// recentPosts keeps the last version printed of the latest messages the
// bot posted, so that an update prints only what changed.
type recentPosts struct {
	last  map[string]deploybot.Reply
	order []string
}

// maxRecentPosts bounds the messages remembered; the oldest go first.
const maxRecentPosts = 256

func (r *recentPosts) get(ref string) (deploybot.Reply, bool) {
	v, ok := r.last[ref]
	return v, ok
}

func (r *recentPosts) put(ref string, reply deploybot.Reply) {
	if r.last == nil {
		r.last = map[string]deploybot.Reply{}
	}
	if _, ok := r.last[ref]; !ok {
		r.order = append(r.order, ref)
		if len(r.order) > maxRecentPosts {
			delete(r.last, r.order[0])
			r.order = r.order[1:]
		}
	}
	r.last[ref] = reply
}

// RunScript reads one message per line from in and writes each reply to
// out. A line "[bob] text" speaks as bob. Empty lines and lines starting
// with "#" are skipped. Each line is handled only after the work the
// previous one started has settled.
//
// When the handler is a QueuedHandler, the script is a pipeline: each
// message is handled while the audit entries of the ones before commit
// together (the store's group commit), and a printer renders and prints
// the replies in order, each once its own entry is committed (issue 19).
// When it is also an Anticipator, a reader goroutine reads the lines
// ahead and tells the handler of each message in order before its turn,
// so that its parse overlaps the handling of the ones before.
func (c *Chat) RunScript(ctx context.Context, in io.Reader, out io.Writer) (err error) {
	c.setOutput(out)
	qh, queued := c.Handler.(QueuedHandler)
	if queued {
		pr := newPrinter(ctx, out)
		c.mu.Lock()
		c.pr = pr
		c.mu.Unlock()
		defer func() {
			c.mu.Lock()
			c.pr = nil
			c.mu.Unlock()
			if perr := pr.close(); err == nil {
				err = perr
			}
		}()
	}
	defer c.setOutput(nil)
	if err := c.start(ctx); err != nil {
		return err
	}
	// Work started before the first line (deployments adopted from a
	// process that stopped) settles first, like a line's.
	if err := c.settle(ctx); err != nil {
		return err
	}
	next := c.readLines(in)
	if a, ok := c.Handler.(Anticipator); ok && queued {
		var stop func()
		next, stop = c.readAhead(ctx, in, a)
		defer stop()
	}
	for {
		l, ok, err := next()
		if err != nil {
			return fmt.Errorf("terminal: read input: %w", err)
		}
		if !ok {
			break
		}
		if err := c.write(l.msg.User + "> " + l.msg.Text + "\n"); err != nil {
			return err
		}
		if queued {
			err = c.sayQueued(ctx, qh, l)
		} else {
			err = c.sayLine(ctx, l)
		}
		if err != nil {
			return err
		}
		if err := c.settle(ctx); err != nil {
			return err
		}
	}
	return c.settle(ctx)
}

// line is a message of the script, numbered from 1.
type line struct {
	msg deploybot.Message
	n   int
}

// readLines returns the messages of in one by one, read as they are asked
// for: false at the end of input.
func (c *Chat) readLines(in io.Reader) func() (line, bool, error) {
	sc := bufio.NewScanner(in)
	sc.Buffer(make([]byte, 0, 64*1024), 1<<20)
	return func() (line, bool, error) {
		for sc.Scan() {
			text := strings.TrimSpace(sc.Text())
			if text == "" || strings.HasPrefix(text, "#") {
				continue
			}
			msg, n := c.message(c.speaker(text))
			return line{msg, n}, true, nil
		}
		return line{}, false, sc.Err()
	}
}

// Anticipator is implemented by handlers that can prepare a message before
// its turn (agents.Orchestrator parses it): a scripted chat tells it of
// each message, in order, as soon as it is read, and hands the message to
// the handler later. Anticipate must not change what the handler answers,
// only how soon.
type Anticipator interface {
	Anticipate(ctx context.Context, msg deploybot.Message)
}

// Preparer is implemented by anticipators that can do part of a message's
// preparation out of order (agents.Orchestrator parses its text on its
// own, which the parse in order then finds done): Prepare may be called
// from several goroutines at once, for messages in any order, before
// their Anticipate. Like Anticipate, it must not change what the handler
// answers, only how soon.
type Preparer interface {
	Prepare(ctx context.Context, msg deploybot.Message)
}

// readAheadLines is how many messages the reader may read ahead of the
// one being handled.
const readAheadLines = 256

// readAhead reads the messages of in on a goroutine of its own, up to
// readAheadLines ahead, telling a of each; stop ends it.
//
// When a is also a Preparer, the messages are prepared by as many
// goroutines as the process has processors, and a is told of each in
// order once prepared (a goroutine of its own): the anticipation of a
// message depends on the messages before it and runs one at a time, its
// preparation does not. Issue 19: on bench's scripted chat the parse was
// half the chat's CPU, all of it on the reader's goroutine, which set the
// chat's pace; two thirds of that parse is the message on its own
// (router/pcache.go), which now runs on both cores.
func (c *Chat) readAhead(ctx context.Context, in io.Reader, a Anticipator) (next func() (line, bool, error), stop func()) {
	read := c.readLines(in)
	type result struct {
		l   line
		err error
	}
	p, prepares := a.(Preparer)
	ahead := readAheadLines
	if prepares {
		ahead /= 2 // the other half waits for its preparation (below)
	}
	lines := make(chan result, ahead)
	done := make(chan struct{})
	// send passes r to the handler's side; false once stopped.
	send := func(r result) bool {
		select {
		case lines <- r:
			return true
		case <-done:
			return false
		}
	}
	if !prepares {
		go func() {
			defer close(lines)
			for {
				l, ok, err := read()
				if !ok {
					if err != nil {
						send(result{err: err})
					}
					return
				}
				a.Anticipate(ctx, l.msg)
				if !send(result{l: l}) {
					return
				}
			}
		}()
	} else {
		// The reader hands each line to the preparers and, in order, to
		// the anticipator, which waits for the line's preparation. The
		// lines waiting for their anticipation count in the lines read
		// ahead: they and the lines anticipated share readAheadLines.
		//
		// A line is prepared by whoever takes it first: a preparer, or
		// the anticipator when the line's turn comes before a preparer
		// took it (it then anticipates the line unprepared, which is
		// what a reader that prepares nothing does). The anticipator
		// waits only for a preparation under way, never for a line
		// queued behind another preparer's: on a loaded machine, where
		// a preparer's thread may wait for a core, the chat goes no
		// slower than one reader doing everything.
		type item struct {
			l        line
			err      error
			taken    atomic.Bool   // a preparer or the anticipator has it
			prepared chan struct{} // closed once prepared, when a preparer took it
		}
		work := make(chan *item, readAheadLines-ahead)
		order := make(chan *item, readAheadLines-ahead)
		go func() {
			defer close(order)
			defer close(work)
			for {
				l, ok, err := read()
				if !ok {
					if err != nil {
						select {
						case order <- &item{err: err}:
						case <-done:
						}
					}
					return
				}
				it := &item{l: l, prepared: make(chan struct{})}
				select {
				case work <- it:
				case <-done:
					return
				}
				select {
				case order <- it:
				case <-done:
					return
				}
			}
		}()
		for range runtime.GOMAXPROCS(0) {
			go func() {
				for it := range work {
					select {
					case <-done:
						return // nobody waits for it
					default:
					}
					if it.taken.CompareAndSwap(false, true) {
						p.Prepare(ctx, it.l.msg)
						close(it.prepared)
					}
				}
			}()
		}
		go func() {
			defer close(lines)
			for it := range order {
				if it.err != nil {
					send(result{err: it.err})
					return
				}
				if !it.taken.CompareAndSwap(false, true) {
					select {
					case <-it.prepared:
					case <-done:
						return
					}
				}
				a.Anticipate(ctx, it.l.msg)
				if !send(result{l: it.l}) {
					return
				}
			}
		}()
	}
	next = func() (line, bool, error) {
		r, ok := <-lines
		return r.l, ok && r.err == nil, r.err
	}
	// The reader may be blocked reading in: it is left to finish with
	// its input, as a read cannot be interrupted.
	return next, func() { close(done) }
}

// RunInteractive runs the chat on a terminal: it puts the terminal in raw
// mode for line editing and history (arrow keys), and stops on "exit",
// "quit", Ctrl-D or when ctx is done.
func (c *Chat) RunInteractive(ctx context.Context, fd int, rw io.ReadWriter) error {
	old, err := term.MakeRaw(fd)
	if err != nil {
		return fmt.Errorf("terminal: raw mode: %w", err)
	}
	defer func() { _ = term.Restore(fd, old) }()
	t := term.NewTerminal(rw, "")
	c.setOutput(crlf{t})
	defer c.setOutput(nil)
	if w, h, err := term.GetSize(fd); err == nil && w > 0 && h > 0 {
		_ = t.SetSize(w, h)
	}
	if err := c.start(ctx); err != nil {
		return err
	}
	fmt.Fprintf(t, "deploybot %s — type \"help\" or \"aide\"; \"exit\" to quit.\r\n", deploybot.Version)
	for {
		t.SetPrompt(c.user() + "> ")
		line, err := t.ReadLine()
		if err == io.EOF {
			return c.settle(ctx)
		} else if err != nil {
			return fmt.Errorf("terminal: read line: %w", err)
		}
		line = strings.TrimSpace(line)
		switch line {
		case "":
			continue
		case "exit", "quit", "/quit", "/exit":
			return c.settle(ctx)
		}
		user, text := c.interactiveSpeaker(line)
		if err := c.say(ctx, user, text); err != nil {
			return err
		}
		if ctx.Err() != nil {
			return nil
		}
	}
}

// UseANSI reports whether output f shows ANSI attributes: a terminal,
// unless NO_COLOR is set or TERM is "dumb" (getenv reads the environment).
func UseANSI(f *os.File, getenv func(string) string) bool {
	return f != nil && term.IsTerminal(int(f.Fd())) && getenv("NO_COLOR") == "" && getenv("TERM") != "dumb"
}

// crlf turns "\n" into "\r\n" for a terminal in raw mode.
type crlf struct{ w io.Writer }

func (c crlf) Write(p []byte) (int, error) {
	if _, err := c.w.Write([]byte(strings.ReplaceAll(string(p), "\n", "\r\n"))); err != nil {
		return 0, err
	}
	return len(p), nil
}

func (c *Chat) user() string {
	if c.User == "" {
		return "you"
	}
	return c.User
}

// interactiveSpeaker is who speaks a line typed at the prompt: the chat's
// own user, unless the session is scripted (chat --scripted). "[bob] text"
// typed by the terminal's person is then sent as is, by that person.
func (c *Chat) interactiveSpeaker(line string) (string, string) {
	if c.Scripted {
		return c.speaker(line)
	}
	return c.user(), line
}

// speaker splits "[bob] text" into bob and text.
func (c *Chat) speaker(line string) (string, string) {
	if strings.HasPrefix(line, "[") {
		if end := strings.IndexByte(line, ']'); end > 1 {
			name := strings.TrimSpace(line[1:end])
			if name != "" && !strings.ContainsAny(name, " \t") {
				return name, strings.TrimSpace(line[end+1:])
			}
		}
	}
	return c.user(), line
}

// message builds the next message of the chat, from user, and returns
// its number.
func (c *Chat) message(user, text string) (deploybot.Message, int) {
	c.lines++
	now := time.Now
	if c.Now != nil {
		now = c.Now
	}
	channel := c.Channel
	if channel == "" {
		channel = "terminal"
	}
	if c.session == "" {
		// The real clock and the pid: DEPLOYBOT_NOW fixes c.Now for every
		// session alike.
		c.session = strconv.FormatInt(time.Now().UnixNano(), 36) + "." + strconv.Itoa(os.Getpid())
	}
	return deploybot.Message{
		ID: c.session + "-" + strconv.Itoa(c.lines), Platform: deploybot.PlatformTerminal, Channel: channel,
		User: user, Text: text, At: now(),
	}, c.lines
}

// say hands one message to the handler and prints the reply. A failure of
// the system is logged with a reference and shown as an internal error; the
// conversation goes on.
func (c *Chat) say(ctx context.Context, user, text string) error {
	msg, n := c.message(user, text)
	return c.sayLine(ctx, line{msg, n})
}

func (c *Chat) sayLine(ctx context.Context, l line) error {
	reply, err := c.Handler.Handle(ctx, l.msg)
	if err != nil {
		if ctx.Err() != nil {
			return ctx.Err()
		}
		return c.write(c.failure(l, err))
	}
	return c.write(c.Style.Render(reply))
}

// QueuedHandler is a handler whose audit commits in groups (see
// agents.Orchestrator.HandleQueued): a reply may be printed once wait
// returns nil (a nil wait: at once).
type QueuedHandler interface {
	HandleQueued(ctx context.Context, msg deploybot.Message) (reply deploybot.Reply, wait func(context.Context) error, err error)
}

// sayQueued hands one message to h and queues its reply for the printer,
// which renders and prints it once its audit entry is committed, or an
// internal error if that fails.
func (c *Chat) sayQueued(ctx context.Context, h QueuedHandler, l line) error {
	reply, wait, err := h.HandleQueued(ctx, l.msg)
	it := printItem{render: func() string { return c.Style.Render(reply) }}
	switch {
	case err != nil && ctx.Err() != nil:
		return ctx.Err()
	case err != nil:
		it = printItem{text: c.failure(l, err)}
	}
	if wait != nil {
		ref := c.ref(l)
		it.wait = func(ctx context.Context) error {
			err := wait(ctx)
			if err != nil && ctx.Err() == nil && c.Logger != nil {
				c.Logger.Error("audit message", "ref", ref, "user", l.msg.User, "err", err)
			}
			return err
		}
		it.failed = "bot> internal error (ref " + ref + ")\n\n"
	}
	return c.print(it)
}

// print queues it for the scripted chat's printer, or prints it at once.
func (c *Chat) print(it printItem) error {
	c.mu.Lock()
	defer c.mu.Unlock()
	if c.pr != nil {
		return c.pr.queue(it)
	}
	if c.out == nil {
		return nil
	}
	text, err := it.resolve(context.Background())
	if err != nil {
		return err
	}
	_, err = io.WriteString(c.out, text)
	return err
}

// ref is the reference shown for a failure in handling l.
func (c *Chat) ref(l line) string {
	return fmt.Sprintf("t%d-%d", l.msg.At.Unix(), l.n)
}

// failure is what the chat shows for err, a failure to handle l: the
// message of a user error, else an internal error with a reference, the
// error logged.
func (c *Chat) failure(l line, err error) string {
	ref := c.ref(l)
	if c.Logger != nil {
		c.Logger.Error("handle message", "ref", ref, "user", l.msg.User, "err", err)
	}
	if deploybot.ErrorCode(err) != deploybot.EINTERNAL {
		return fmt.Sprintf("bot> %s\n\n", deploybot.ErrorMessage(err))
	}
	return fmt.Sprintf("bot> internal error (ref %s)\n\n", ref)
}

func (c *Chat) settle(ctx context.Context) error {
	if s, ok := c.Handler.(Settler); ok {
		return s.Settle(ctx)
	}
	return nil
}
