// Command bench measures deploybot as issue 19 asks, whole processes where
// the figure is about a process: it builds the binary, then prints one line
// per figure (median of several runs where it says so) and the in-process
// benchmarks' results. Run it with `go run ./bench` (or bench/run.sh) from
// the module root; -quick runs fewer repetitions.
package main

import (
	"bufio"
	"bytes"
	"context"
	"database/sql"
	"encoding/json"
	"errors"
	"flag"
	"fmt"
	"io"
	"net"
	"net/http"
	"os"
	"os/exec"
	"path/filepath"
	"regexp"
	"slices"
	"strconv"
	"strings"
	"sync"
	"sync/atomic"
	"syscall"
	"time"

	_ "github.com/mattn/go-sqlite3"

	"deploybot/slack/slackfake"
)

func main() {
	quick := flag.Bool("quick", false, "fewer repetitions and messages")
	skipGo := flag.Bool("no-gobench", false, "skip the in-process go test benchmarks")
	only := flag.String("only", "", "run only these figures, comma-separated: chat, first, start, route, slack (no go test benchmarks)")
	bin := flag.String("bin", "", "measure this deploybot binary, built as the Dockerfile does, instead of building one (to compare two versions in alternating runs)")
	flag.Parse()
	if err := run(*quick, *skipGo, *only, *bin); err != nil {
		fmt.Fprintln(os.Stderr, "bench:", err)
		os.Exit(1)
	}
}

type bench struct {
	bin, dir string
	linked   string // the linker's output, bin before it was installed
	quick    bool
}

// releaseBuild is how the image (Dockerfile) builds the binary users run:
// the same tags and flags, so that the figures are that binary's.
var releaseBuild = []string{"build", "-trimpath", "-tags", "sqlite_omit_load_extension", "-ldflags", "-s -w"}

func run(quick, skipGo bool, only, bin string) error {
	dir, err := os.MkdirTemp("", "deploybot-bench")
	if err != nil {
		return err
	}
	defer os.RemoveAll(dir)
	b := &bench{bin: filepath.Join(dir, "deploybot"), linked: filepath.Join(dir, "deploybot.linked"), dir: dir, quick: quick}
	if bin == "" {
		fmt.Println("building deploybot as the Dockerfile does, then installing it (a copy, as docker COPY, tar or install make) ...")
		if out, err := exec.Command("go", append(releaseBuild, "-o", b.linked, "./cmd/deploybot")...).CombinedOutput(); err != nil {
			return fmt.Errorf("build: %v\n%s", err, out)
		}
	} else {
		fmt.Println("measuring", bin, "(installed: a copy)")
		b.linked = bin
	}
	if err := install(b.linked, b.bin); err != nil {
		return err
	}
	lines, err := corpus(30000)
	if err != nil {
		return err
	}
	if quick {
		lines = lines[:5000]
	}
	fmt.Printf("%-62s %s\n", "figure", "measured")
	steps := []struct {
		name string
		f    func() error
	}{
		{"chat", func() error { return b.chatThroughput(lines) }},
		{"first", b.chatFirstReply},
		{"start", b.serveStart},
		{"route", func() error { return b.routeThroughput(lines) }},
		{"slack", b.slackEvents},
	}
	chosen := strings.Split(only, ",")
	for _, st := range steps {
		if only != "" && !slices.Contains(chosen, st.name) {
			continue
		}
		if err := st.f(); err != nil {
			return err
		}
	}
	if !skipGo && only == "" {
		return goBenchmarks(quick)
	}
	return nil
}

func report(figure, value string) { fmt.Printf("%-62s %s\n", figure, value) }

// install copies the binary at from to a new file at to, as an install
// does (docker COPY, a release archive's extraction, install(1)). The
// copy matters to the resident memory figure: on Linux 6.18 with ext4's
// large folios, the linker's output is left in the page cache as 2 MB
// folios that a process maps whole (FilePmdMapped in smaps), so a binary
// run where it was linked has all of its text and read-only data resident
// (46 MB for serve); a copy, or the same file read again from disk after
// a restart, is mapped by the pages and their neighbours it touches.
func install(from, to string) error {
	src, err := os.Open(from)
	if err != nil {
		return err
	}
	defer src.Close()
	dst, err := os.OpenFile(to, os.O_WRONLY|os.O_CREATE|os.O_EXCL, 0o755)
	if err != nil {
		return err
	}
	if _, err := io.Copy(struct{ io.Writer }{dst}, struct{ io.Reader }{src}); err != nil { // read and write, no copy_file_range
		dst.Close()
		return fmt.Errorf("install: %w", err)
	}
	return dst.Close()
}

// corpus returns n varied chat lines: the labelled routing sets and the
// router's corpus, cycled, each line made distinct.
func corpus(n int) ([]string, error) {
	var texts []string
	files, _ := filepath.Glob("testdata/routing_*.jsonl")
	more, _ := filepath.Glob("router/corpus/*.jsonl")
	for _, f := range append(files, more...) {
		data, err := os.ReadFile(f)
		if err != nil {
			return nil, err
		}
		for _, l := range strings.Split(string(data), "\n") {
			var x struct {
				Text string `json:"text"`
			}
			if json.Unmarshal([]byte(l), &x) == nil && strings.TrimSpace(x.Text) != "" && !strings.Contains(x.Text, "\n") {
				texts = append(texts, x.Text)
			}
		}
	}
	if len(texts) == 0 {
		return nil, errors.New("no corpus found: run from the module root")
	}
	out := make([]string, n)
	for i := range out {
		out[i] = texts[i%len(texts)]
	}
	return out, nil
}

func median(ds []time.Duration) time.Duration {
	slices.Sort(ds)
	return ds[len(ds)/2]
}

func (b *bench) env(extra ...string) []string {
	return append([]string{"PATH=" + os.Getenv("PATH"), "HOME=" + b.dir, "USER=bench", "DEPLOYBOT_NOW=2026-11-24T11:00:00+01:00"}, extra...)
}

// chatThroughput: a scripted chat of every line, each audited in SQLite
// before its reply is printed.
func (b *bench) chatThroughput(lines []string) error {
	db := filepath.Join(b.dir, "chat.db")
	cmd := exec.Command(b.bin, "chat", "--user", "alice", "--db", db)
	cmd.Dir, cmd.Env = b.dir, b.env()
	cmd.Stdin = strings.NewReader(strings.Join(lines, "\n") + "\n")
	var out bytes.Buffer
	cmd.Stdout = &out
	start := time.Now()
	if err := cmd.Run(); err != nil {
		return fmt.Errorf("chat: %w", err)
	}
	took := time.Since(start)
	conn, err := sql.Open("sqlite3", db)
	if err != nil {
		return err
	}
	defer conn.Close()
	var n int
	if err := conn.QueryRow(`SELECT COUNT(*) FROM messages`).Scan(&n); err != nil {
		return err
	}
	report(fmt.Sprintf("scripted chat, %d lines, each audited", len(lines)),
		fmt.Sprintf("%.0f msg/s (%d audit rows, %s)", float64(len(lines))/took.Seconds(), n, took.Round(time.Millisecond)))
	return nil
}

// chatFirstReply: chat start to its first reply, one line on stdin, whole
// process, median of runs.
func (b *bench) chatFirstReply() error {
	runs := 11
	if b.quick {
		runs = 5
	}
	var ds []time.Duration
	for i := range runs {
		db := filepath.Join(b.dir, fmt.Sprintf("first%d.db", i))
		cmd := exec.Command(b.bin, "chat", "--user", "alice", "--db", db)
		cmd.Dir, cmd.Env = b.dir, b.env()
		cmd.Stdin = strings.NewReader("what should we watch after a production release?\n")
		stdout, err := cmd.StdoutPipe()
		if err != nil {
			return err
		}
		start := time.Now()
		if err := cmd.Start(); err != nil {
			return err
		}
		r := bufio.NewReader(stdout)
		for {
			line, err := r.ReadString('\n')
			if strings.HasPrefix(line, "bot>") {
				ds = append(ds, time.Since(start))
				break
			}
			if err != nil {
				return fmt.Errorf("chat printed no reply")
			}
		}
		_, _ = bytes.NewBuffer(nil).ReadFrom(r)
		_ = cmd.Wait()
	}
	report("chat start to first reply (median)", median(ds).Round(100*time.Microsecond).String())
	return nil
}

func freePort() (string, error) {
	l, err := net.Listen("tcp", "127.0.0.1:0")
	if err != nil {
		return "", err
	}
	defer l.Close()
	return l.Addr().String(), nil
}

// serveStart: serve start to /readyz 200 (no Slack), and its resident
// memory once idle.
func (b *bench) serveStart() error {
	ds, rss, err := b.serveRuns(b.bin, "serve")
	if err != nil {
		return err
	}
	report("serve start to /readyz 200, no Slack (median)", median(ds).Round(100*time.Microsecond).String())
	report("serve idle resident memory after start (median)", fmt.Sprintf("%.1f MB", medianMB(rss)))
	_, linked, err := b.serveRuns(b.linked, "linked")
	if err != nil {
		return err
	}
	report("  the same, binary run where the linker wrote it (median)", fmt.Sprintf("%.1f MB", medianMB(linked)))
	return nil
}

func medianMB(kb []int) float64 {
	slices.Sort(kb)
	return float64(kb[len(kb)/2]) / 1024
}

// serveRuns starts bin's serve several times: its times to /readyz 200 and
// its resident memory (kB) once idle.
func (b *bench) serveRuns(bin, name string) ([]time.Duration, []int, error) {
	runs := 11
	if b.quick {
		runs = 5
	}
	var ds []time.Duration
	var rss []int
	for i := range runs {
		addr, err := freePort()
		if err != nil {
			return nil, nil, err
		}
		cfg := filepath.Join(b.dir, "serve.yaml")
		os.WriteFile(cfg, []byte("http: {addr: \""+addr+"\"}\nprojects: [{name: shop}]\n"), 0o644)
		cmd := exec.Command(bin, "serve", "--config", cfg, "--db", filepath.Join(b.dir, fmt.Sprintf("%s%d.db", name, i)))
		cmd.Dir, cmd.Env = b.dir, b.env()
		start := time.Now()
		if err := cmd.Start(); err != nil {
			return nil, nil, err
		}
		client := &http.Client{Timeout: time.Second}
		for {
			resp, err := client.Get("http://" + addr + "/readyz")
			if err == nil {
				resp.Body.Close()
				if resp.StatusCode == 200 {
					ds = append(ds, time.Since(start))
					break
				}
			}
			if time.Since(start) > time.Minute {
				_ = cmd.Process.Kill()
				return nil, nil, errors.New("serve never ready")
			}
			time.Sleep(time.Millisecond)
		}
		time.Sleep(2 * time.Second) // idle
		if kb, err := vmRSS(cmd.Process.Pid); err == nil {
			rss = append(rss, kb)
		}
		_ = cmd.Process.Signal(os.Interrupt)
		_ = cmd.Wait()
	}
	if len(rss) == 0 {
		return nil, nil, errors.New("no resident memory read")
	}
	return ds, rss, nil
}

var rssLine = regexp.MustCompile(`VmRSS:\s+(\d+) kB`)

func vmRSS(pid int) (int, error) {
	data, err := os.ReadFile(fmt.Sprintf("/proc/%d/status", pid))
	if err != nil {
		return 0, err
	}
	m := rssLine.FindSubmatch(data)
	if m == nil {
		return 0, errors.New("no VmRSS")
	}
	return strconv.Atoi(string(m[1]))
}

// routeThroughput: route --jsonl over every line, whole process.
func (b *bench) routeThroughput(lines []string) error {
	var in bytes.Buffer
	for _, l := range lines {
		j, _ := json.Marshal(map[string]string{"text": l})
		in.Write(j)
		in.WriteByte('\n')
	}
	var ds []time.Duration
	runs := 5
	if b.quick {
		runs = 3
	}
	for range runs {
		cmd := exec.Command(b.bin, "route", "--jsonl")
		cmd.Dir, cmd.Env = b.dir, b.env()
		cmd.Stdin = bytes.NewReader(in.Bytes())
		var out bytes.Buffer
		cmd.Stdout = &out
		start := time.Now()
		if err := cmd.Run(); err != nil {
			return fmt.Errorf("route: %w", err)
		}
		ds = append(ds, time.Since(start))
		if n := bytes.Count(out.Bytes(), []byte("\n")); n != len(lines) {
			return fmt.Errorf("route printed %d lines for %d", n, len(lines))
		}
	}
	report(fmt.Sprintf("route --jsonl, %d lines, whole process (median)", len(lines)),
		fmt.Sprintf("%.0f msg/s", float64(len(lines))/median(ds).Seconds()))
	return nil
}

// slackEvents: signed Events API deliveries acknowledged by the real serve
// process, 32 concurrent senders, Web API stand-in on loopback; every
// acknowledged event must be in the inbox.
func (b *bench) slackEvents() error {
	n := 10000
	if b.quick {
		n = 2000
	}
	api := slackfake.New()
	defer api.Close()
	addr, err := freePort()
	if err != nil {
		return err
	}
	cfg := filepath.Join(b.dir, "slack.yaml")
	db := filepath.Join(b.dir, "slack.db")
	os.WriteFile(cfg, []byte("http: {addr: \""+addr+"\"}\nprojects: [{name: shop}]\nslack:\n  mode: http\n  bot_token: xoxb-bench\n  signing_secret: bench-secret\n  api_url: "+api.APIURL()+"\n"), 0o644)
	cmd := exec.Command(b.bin, "serve", "--config", cfg, "--db", db)
	// The profiles cmd/deploybot/profile.go writes, when asked for: of
	// this process only, the one under load.
	var profiles []string
	for _, v := range []string{"DEPLOYBOT_CPUPROFILE", "DEPLOYBOT_BLOCKPROFILE", "DEPLOYBOT_MUTEXPROFILE", "DEPLOYBOT_ALLOCSPROFILE"} {
		if f := os.Getenv(v); f != "" {
			profiles = append(profiles, v+"="+f)
		}
	}
	cmd.Dir, cmd.Env = b.dir, b.env(profiles...)
	if err := cmd.Start(); err != nil {
		return err
	}
	defer func() { _ = cmd.Process.Signal(os.Interrupt); _ = cmd.Wait() }()
	for start := time.Now(); ; time.Sleep(5 * time.Millisecond) {
		if resp, err := http.Get("http://" + addr + "/readyz"); err == nil {
			resp.Body.Close()
			if resp.StatusCode == 200 {
				break
			}
		}
		if time.Since(start) > time.Minute {
			return errors.New("serve with Slack never ready")
		}
	}
	// Each sender keeps its connection, as a client does: http.DefaultClient
	// keeps two idle connections a host, so that 30 of the 32 senders
	// opened a new connection for each event, and serve accepted and
	// closed one per event (until issue 19's session 6; the figures before
	// it were measured so).
	senders := &http.Client{Transport: &http.Transport{MaxIdleConnsPerHost: 32}}
	signer := &slackfake.Signer{BaseURL: "http://" + addr, Secret: "bench-secret", Client: senders}
	cpu0, err := cpuTime(cmd.Process.Pid)
	if err != nil {
		return err
	}
	var next atomic.Int64
	lat := make([]time.Duration, n)
	var failed atomic.Int64
	var wg sync.WaitGroup
	start := time.Now()
	for range 32 {
		wg.Go(func() {
			for {
				i := int(next.Add(1)) - 1
				if i >= n {
					return
				}
				body := slackfake.Event{ID: fmt.Sprintf("EvB%d", i), Team: "T0BENCH", Channel: fmt.Sprintf("C%d", i%50), User: "U1",
					Text: "<@UBOT> what is a canary release?", TS: fmt.Sprintf("1700000000.%06d", i)}.Body()
				t0 := time.Now()
				resp, err := signer.Event(context.Background(), body, 0)
				lat[i] = time.Since(t0)
				if err != nil || resp.Status != http.StatusOK {
					failed.Add(1)
				}
			}
		})
	}
	wg.Wait()
	took := time.Since(start)
	cpuAck, err := cpuTime(cmd.Process.Pid)
	if err != nil {
		return err
	}
	if os.Getenv("DEPLOYBOT_CPUPROFILE") != "" && os.Getenv("BENCH_PROFILE_ACKS") != "" {
		_ = cmd.Process.Signal(syscall.SIGUSR1) // the CPU profile of the acknowledgements only
	}
	// The work after the acknowledgements (handling, replies) is part of
	// each event's CPU: the serve process's own, read from /proc once every
	// event is answered (a reply posted to the Web API stand-in).
	handled, answeredAt := false, time.Duration(0)
	wait := time.Now()
	for ; time.Since(wait) < time.Minute; time.Sleep(20 * time.Millisecond) {
		if len(api.Calls("chat.postMessage")) >= n {
			handled, answeredAt = true, time.Since(start)
			break
		}
	}
	cpuAll, err := cpuTime(cmd.Process.Pid)
	if err != nil {
		return err
	}
	slices.Sort(lat)
	conn, err := sql.Open("sqlite3", db)
	if err != nil {
		return err
	}
	defer conn.Close()
	var inbox int
	if err := conn.QueryRow(`SELECT COUNT(*) FROM inbox WHERE kind = 'message'`).Scan(&inbox); err != nil {
		inbox = -1
	}
	report(fmt.Sprintf("Slack events acknowledged by serve (%d signed, 32 senders)", n),
		fmt.Sprintf("%.0f ev/s, p50 %s, p99 %s, %d not 200, %d in the inbox", float64(n)/took.Seconds(),
			lat[n/2].Round(10*time.Microsecond), lat[n*99/100].Round(10*time.Microsecond), failed.Load(), inbox))
	per := func(d time.Duration) string { return fmt.Sprintf("%.2f s", d.Seconds()*10000/float64(n)) }
	all := per(cpuAll - cpu0)
	if !handled {
		all = "not all answered in a minute"
	} else {
		all += fmt.Sprintf(" (answered %s after the last ack)", (answeredAt - took).Round(time.Millisecond))
	}
	report("  serve CPU per 10,000 events: to the last ack; all answered", per(cpuAck-cpu0)+"; "+all)
	return nil
}

// cpuTime is the CPU time (user and system) process pid has used so far,
// from /proc/pid/stat.
func cpuTime(pid int) (time.Duration, error) {
	b, err := os.ReadFile(fmt.Sprintf("/proc/%d/stat", pid))
	if err != nil {
		return 0, fmt.Errorf("cpu time: %w", err)
	}
	// The fields after the command's name, which is in parentheses and may
	// hold spaces: utime and stime are the 14th and 15th of the line.
	i := bytes.LastIndexByte(b, ')')
	f := strings.Fields(string(b[i+1:]))
	if len(f) < 13 {
		return 0, errors.New("cpu time: short /proc stat line")
	}
	ut, err1 := strconv.ParseInt(f[11], 10, 64)
	st, err2 := strconv.ParseInt(f[12], 10, 64)
	if err := errors.Join(err1, err2); err != nil {
		return 0, fmt.Errorf("cpu time: %w", err)
	}
	const hz = 100 // USER_HZ, 100 on Linux
	return time.Duration(ut+st) * time.Second / hz, nil
}

// goBenchmarks runs the in-process benchmarks of the table.
func goBenchmarks(quick bool) error {
	benchtime := "2s"
	if quick {
		benchtime = "500ms"
	}
	for _, bb := range []struct{ pkg, re, what string }{
		{"./router/", "^BenchmarkRoute$", "router in-process, one core"},
		{"./router/", "^BenchmarkParse$", "parser in-process, one core"},
		{"./agents/", "^BenchmarkAnswer$", "full question path (route, retrieve, compose, context, audit)"},
		{"./deploy/", "^BenchmarkApprovalToExecutor$", "approval to executor start"},
	} {
		out, err := exec.Command("go", "test", "-run", "^$", "-bench", bb.re, "-benchmem", "-cpu", "1", "-benchtime", benchtime, bb.pkg).CombinedOutput()
		if err != nil {
			return fmt.Errorf("go test -bench %s: %v\n%s", bb.pkg, err, out)
		}
		for _, l := range strings.Split(string(out), "\n") {
			if strings.HasPrefix(l, "Benchmark") {
				report(bb.what, strings.Join(strings.Fields(l)[1:], " "))
			}
		}
	}
	return nil
}
