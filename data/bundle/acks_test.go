package bundle

import (
	"bytes"
	"testing"
	"time"

	"github.com/tavoli/tavoli/data"
)

// A header carries the sender's acknowledgements and its previous bundles, and reads them back as
// written; a reader that does not know them ignores them (see the package doc).
func TestHeaderAcknowledgements(t *testing.T) {
	at := time.Date(2027, 3, 12, 15, 0, 0, 0, time.UTC)
	h := testHeader()
	h.Acks = []Ack{
		{Holder: h.Sender, Device: "0190a6a5-7c1e-7000-8000-0000000000bb", Upto: 41, At: at},
		{Holder: "0190a6a5-7c1e-7000-8000-0000000000bb", Device: h.Sender, Upto: 17, At: at.Add(time.Hour)},
	}
	h.Sent = []Sent{{File: "tavoli-forli-20270312-1500.tavoli", Created: at, Since: 0, Upto: 17}, {Created: at, Since: 17, Upto: 30}}
	var buf bytes.Buffer
	if _, err := Write(&buf, h, seq(nil), plainOpt()); err != nil {
		t.Fatalf("Write = %v", err)
	}
	got, _, err := readAll(&buf, readOpt(""))
	if err != nil {
		t.Fatalf("ReadAll = %v", err)
	}
	if len(got.Acks) != 2 || len(got.Sent) != 2 {
		t.Fatalf("read back %d acknowledgements and %d bundles, want 2 and 2", len(got.Acks), len(got.Sent))
	}
	for i, a := range h.Acks {
		g := got.Acks[i]
		if g.Holder != a.Holder || g.Device != a.Device || g.Upto != a.Upto || !g.At.Equal(a.At) {
			t.Errorf("Acks[%d] = %+v, want %+v", i, g, a)
		}
	}
	for i, s := range h.Sent {
		g := got.Sent[i]
		if g.File != s.File || g.Since != s.Since || g.Upto != s.Upto || !g.Created.Equal(s.Created) {
			t.Errorf("Sent[%d] = %+v, want %+v", i, g, s)
		}
	}

	for name, bad := range map[string]func(*Header){
		"an acknowledgement without holder": func(h *Header) { h.Acks = []Ack{{Device: "d", Upto: 1}} },
		"a negative acknowledgement":        func(h *Header) { h.Acks = []Ack{{Holder: "h", Device: "d", Upto: -1}} },
		"a previous bundle's window upside down": func(h *Header) {
			h.Sent = []Sent{{Since: 9, Upto: 3}}
		},
	} {
		h := testHeader()
		bad(&h)
		_, err := Write(&bytes.Buffer{}, h, seq(nil), plainOpt())
		if data.ErrorCode(err) != data.EInternal {
			t.Errorf("Write(%s) = %v, want it refused as a misuse", name, err)
		}
	}
}
