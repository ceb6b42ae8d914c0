package prompts

import (
	"bytes"
	"flag"
	"os"
	"reflect"
	"testing"
)

var update = flag.Bool("update", false, "write cards.bin from cards/*.yaml (go generate ./prompts/)")

// TestCardsFile reads and checks cards/*.yaml and checks that the
// embedded cards.bin is those cards, byte for byte, and that it reads
// back as them. With -update it writes cards.bin instead: go generate
// ./prompts/ runs it so.
func TestCardsFile(t *testing.T) {
	cards, err := loadCards(os.DirFS("."))
	if err != nil {
		t.Fatal(err)
	}
	data, err := encodeCards(cards)
	if err != nil {
		t.Fatal(err)
	}
	if *update {
		if err := os.WriteFile("cards.bin", data, 0o644); err != nil {
			t.Fatal(err)
		}
		t.Logf("wrote cards.bin: %d cards, %d bytes", len(cards), len(data))
		return
	}
	if !bytes.Equal(data, []byte(cardsBin)) {
		t.Fatalf("cards.bin (%d bytes) is not the cards of cards/*.yaml (%d bytes): run go generate ./prompts/", len(cardsBin), len(data))
	}
	got, err := decodeCardsFile(cardsBin)
	if err != nil {
		t.Fatal(err)
	}
	if !reflect.DeepEqual(got, cards) {
		t.Fatal("cards.bin does not read back as the cards of cards/*.yaml")
	}
	for _, bad := range []string{"", cardsMagic, cardsBin[:len(cardsBin)-1], cardsBin + "x"} {
		if _, err := decodeCardsFile(bad); err == nil {
			t.Errorf("a cards file of %d bytes (of %d) read without an error", len(bad), len(cardsBin))
		}
	}
}

// BenchmarkCards is what the knowledge's loading pays for the cards.
func BenchmarkCards(b *testing.B) {
	b.ReportAllocs()
	for b.Loop() {
		if _, err := Cards(); err != nil {
			b.Fatal(err)
		}
	}
}
