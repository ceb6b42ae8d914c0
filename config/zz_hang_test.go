package config_test

import (
	"os"
	"testing"

	"deploybot/config"
)

func TestHang(t *testing.T) {
	data, _ := os.ReadFile("/tmp/hang.yaml")
	_, err := config.ParseWith(data, "h", noEnv)
	t.Log(err)
}
