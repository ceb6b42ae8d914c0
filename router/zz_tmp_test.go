package router

import "testing"

func TestZZTmp(t *testing.T) {
	r, _ := New(nil)
	for _, s := range []string{"MEP de ce qui est validé en preprod sur l'api"} {
		t.Logf("gno=%v others=%v coming=%v", r.givesNoOrder(s, commandLine(s)), othersWish(s), comingBack(Words(s)))
	}
}
