package process_test

import (
	"os"
	"os/exec"
	"runtime"
	"testing"

	"deploybot/process"
)

func TestSelfIsAlive(t *testing.T) {
	me := process.Self()
	if me.PID != os.Getpid() {
		t.Fatalf("Self().PID = %d, want %d", me.PID, os.Getpid())
	}
	if me.BootID == "" || me.StartTime == 0 {
		t.Skip("no /proc here: liveness cannot be told")
	}
	if process.Gone(me) {
		t.Fatal("Gone(Self()) = true")
	}
}

func TestGone(t *testing.T) {
	me := process.Self()
	if me.BootID == "" {
		t.Skip("no /proc here")
	}
	cmd := exec.Command("sleep", "30")
	if err := cmd.Start(); err != nil {
		t.Fatal(err)
	}
	h := process.Of(cmd.Process.Pid)
	if h.StartTime == 0 {
		t.Fatal("no start time for a running child")
	}
	if process.Gone(h) {
		t.Fatal("a running child is gone")
	}
	reused := h
	reused.StartTime++
	if !process.Gone(reused) {
		t.Error("a pid whose start time differs is not gone")
	}
	_ = cmd.Process.Kill()
	// Killed but not reaped: a zombie counts as gone, once the signal is
	// delivered (asynchronously: wait for it, without a deadline of ours).
	for !process.Gone(h) {
		runtime.Gosched()
	}
	_ = cmd.Wait()
	if !process.Gone(h) {
		t.Error("a reaped child is not gone")
	}
	other := h
	other.BootID = "another-boot"
	if process.Gone(other) {
		t.Error("a holder on another machine is judged gone")
	}
}
