package main

import (
	"context"
	"errors"
	"fmt"
	"io"
	"net"
	"net/http"
	"os"
	"time"

	"deploybot/config"
)

// healthTimeout bounds the request of `deploybot health`.
const healthTimeout = 5 * time.Second

// runHealth asks a running `deploybot serve` for /healthz, for an image's
// HEALTHCHECK without curl: exit 0 when it answers 200, 1 otherwise. The
// address is --addr, else http.addr of the configuration (--config F, else
// ./deploybot.yaml when it exists), else 127.0.0.1:8080; a wildcard host
// (":8080", "0.0.0.0:8080") is asked on the loopback address.
func runHealth(ctx context.Context, m *Main, args []string) error {
	fs := m.flagSet("health")
	addr := fs.String("addr", "", "host:port of the HTTP listener; default: http.addr of the configuration, else 127.0.0.1:8080")
	cfgPath := fs.String("config", "", "configuration file, for http.addr")
	rest, err := parse(fs, args)
	if err != nil {
		return err
	}
	if len(rest) > 0 {
		return &usageError{msg: "health takes no arguments"}
	}
	target := *addr
	if target == "" {
		target = "127.0.0.1:8080"
		if path := *cfgPath; path != "" || fileExists("deploybot.yaml") {
			cfg, _, err := config.Load(path)
			if err != nil {
				return err
			}
			target = orWord(cfg.HTTP.Addr, target)
		}
	}
	u, err := healthURL(target)
	if err != nil {
		return &usageError{msg: err.Error()}
	}
	ctx, cancel := context.WithTimeout(ctx, healthTimeout)
	defer cancel()
	req, err := http.NewRequestWithContext(ctx, http.MethodGet, u, nil)
	if err != nil {
		return err
	}
	resp, err := http.DefaultClient.Do(req)
	if err != nil {
		return err
	}
	defer resp.Body.Close()
	body, _ := io.ReadAll(io.LimitReader(resp.Body, 512))
	if resp.StatusCode != http.StatusOK {
		return fmt.Errorf("%s answered %s: %s", u, resp.Status, body)
	}
	_, err = fmt.Fprintf(m.Stdout, "ok: %s answered %s\n", u, resp.Status)
	return err
}

// healthURL returns the /healthz URL of a listener's host:port.
func healthURL(addr string) (string, error) {
	host, port, err := net.SplitHostPort(addr)
	if err != nil || port == "" {
		return "", fmt.Errorf("--addr %q is not host:port", addr)
	}
	if ip := net.ParseIP(host); host == "" || (ip != nil && ip.IsUnspecified()) {
		host = "127.0.0.1"
		if ip != nil && ip.To4() == nil {
			host = "::1"
		}
	}
	return "http://" + net.JoinHostPort(host, port) + "/healthz", nil
}

func fileExists(name string) bool {
	_, err := os.Stat(name)
	return !errors.Is(err, os.ErrNotExist)
}
