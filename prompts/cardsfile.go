package prompts

import (
	_ "embed"
	"encoding/binary"
	"errors"
	"fmt"
	"slices"
	"strings"

	"deploybot"
)

//go:generate go test -run ^TestCardsFile$ . -args -update

// cards.bin holds the cards of cards/*.yaml, checked (loadCards), in a
// form read without a YAML decoder: go generate ./prompts/ writes it and
// TestCardsFile checks that it is the YAML's cards. Decoding the YAML twice
// (the cards, then each card's line for the errors) was a third of the
// CPU a chat spends from its start to the first reply to a question (a
// profile of 20 such chats: 20 ms of about 85, issue 19); reading this
// file takes well under a millisecond, its strings read in place.
//
//go:embed cards.bin
var cardsBin string

// The file, little-endian: cardsMagic, then the number of cards (u16),
// then each card: its id; its routes (a list); its topic and body (maps);
// its keywords (a map of lists). A string is its length (u32) then its
// bytes; a list or a map is 0 when nil, else 1 and its length (u16) then
// its items, a map's by key order, each key followed by its value.
const cardsMagic = "deploybot cards 1\n"

// encodeCards writes cards in the file's form.
func encodeCards(cards []Card) ([]byte, error) {
	if len(cards) > 0xffff {
		return nil, errors.New("prompts: too many cards")
	}
	w := &cardsWriter{b: []byte(cardsMagic)}
	w.u16(len(cards))
	for _, c := range cards {
		w.str(c.ID)
		w.list(len(c.Routes), c.Routes == nil, func(i int) { w.str(string(c.Routes[i])) })
		w.langs(c.Topic)
		w.langs(c.Body)
		keys := slices.Sorted(func(yield func(deploybot.Lang) bool) {
			for l := range c.Keywords {
				if !yield(l) {
					return
				}
			}
		})
		w.list(len(keys), c.Keywords == nil, func(i int) {
			w.str(string(keys[i]))
			ws := c.Keywords[keys[i]]
			w.list(len(ws), ws == nil, func(j int) { w.str(ws[j]) })
		})
	}
	return w.b, w.err
}

type cardsWriter struct {
	b   []byte
	err error
}

func (w *cardsWriter) u16(n int) {
	if n > 0xffff {
		w.err = fmt.Errorf("prompts: %d items in a list", n)
	}
	w.b = binary.LittleEndian.AppendUint16(w.b, uint16(n))
}

func (w *cardsWriter) str(s string) {
	w.b = binary.LittleEndian.AppendUint32(w.b, uint32(len(s)))
	w.b = append(w.b, s...)
}

func (w *cardsWriter) list(n int, isNil bool, item func(i int)) {
	if isNil {
		w.b = append(w.b, 0)
		return
	}
	w.b = append(w.b, 1)
	w.u16(n)
	for i := range n {
		item(i)
	}
}

func (w *cardsWriter) langs(m map[deploybot.Lang]string) {
	keys := make([]deploybot.Lang, 0, len(m))
	for l := range m {
		keys = append(keys, l)
	}
	slices.Sort(keys)
	w.list(len(keys), m == nil, func(i int) {
		w.str(string(keys[i]))
		w.str(m[keys[i]])
	})
}

// decodeCardsFile reads the file's cards; their strings are parts of data.
func decodeCardsFile(data string) (cards []Card, err error) {
	r := &cardsReader{s: data}
	if !strings.HasPrefix(data, cardsMagic) {
		return nil, errors.New("prompts: cards.bin: not a cards file (run go generate ./prompts/)")
	}
	r.s = r.s[len(cardsMagic):]
	n := r.u16()
	cards = make([]Card, 0, n)
	for range n {
		var c Card
		c.ID = r.str()
		if r.present() {
			c.Routes = make([]deploybot.Route, r.u16())
			for i := range c.Routes {
				c.Routes[i] = deploybot.Route(r.str())
			}
		}
		c.Topic = r.langs()
		c.Body = r.langs()
		if r.present() {
			k := r.u16()
			c.Keywords = make(map[deploybot.Lang][]string, k)
			for range k {
				l := deploybot.Lang(r.str())
				var ws []string
				if r.present() {
					ws = make([]string, r.u16())
					for i := range ws {
						ws[i] = r.str()
					}
				}
				c.Keywords[l] = ws
			}
		}
		if r.bad {
			break
		}
		cards = append(cards, c)
	}
	if r.bad || r.s != "" {
		return nil, errors.New("prompts: cards.bin: truncated or corrupt (run go generate ./prompts/)")
	}
	return cards, nil
}

// cardsReader reads the file from its start; bad once it ran out.
type cardsReader struct {
	s   string
	bad bool
}

func (r *cardsReader) take(n int) string {
	if r.bad || len(r.s) < n {
		r.bad = true
		return ""
	}
	v := r.s[:n]
	r.s = r.s[n:]
	return v
}

func (r *cardsReader) u16() int {
	b := r.take(2)
	if r.bad {
		return 0
	}
	return int(b[0]) | int(b[1])<<8
}

func (r *cardsReader) str() string {
	b := r.take(4)
	if r.bad {
		return ""
	}
	return r.take(int(b[0]) | int(b[1])<<8 | int(b[2])<<16 | int(b[3])<<24)
}

func (r *cardsReader) present() bool { return r.take(1) == "\x01" }

func (r *cardsReader) langs() map[deploybot.Lang]string {
	if !r.present() {
		return nil
	}
	n := r.u16()
	m := make(map[deploybot.Lang]string, n)
	for range n {
		l := deploybot.Lang(r.str())
		m[l] = r.str()
	}
	return m
}
