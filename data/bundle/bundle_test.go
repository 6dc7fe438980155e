package bundle

import (
	"bufio"
	"bytes"
	"compress/gzip"
	"encoding/json"
	"errors"
	"flag"
	"fmt"
	"io"
	"iter"
	"math"
	"os"
	"path/filepath"
	"reflect"
	"strings"
	"testing"
	"time"

	"github.com/tavoli/tavoli/data"
)

var update = flag.Bool("update", false, "rewrite the golden files in testdata/")

// The passphrase of the test bundles, and a cheap scrypt: the production cost (2^18) would make every
// encrypted case take a second. Readers in tests cap the cost low as well, so fuzzing stays fast.
const (
	testPass   = "pane e tulipani"
	testWork   = 4
	testSchema = 5
)

func plainOpt() WriteOptions     { return WriteOptions{NoEncryption: true} }
func encryptedOpt() WriteOptions { return WriteOptions{Passphrase: testPass, workFactor: testWork} }
func readOpt(pass string) ReadOptions {
	return ReadOptions{Passphrase: pass, MaxSchema: testSchema, maxWorkFactor: 10}
}

func testHeader() Header {
	return Header{
		Schema:     testSchema,
		AmbitoID:   "0190a6a5-7c1e-7000-8000-000000000001",
		AmbitoName: "Ambito di Forlì",
		Sender:     "0190a6a5-7c1e-7000-8000-0000000000aa",
		SenderName: "Portatile dell'Ufficio di Piano",
		Created:    time.Date(2025, 3, 14, 18, 30, 5, 123456789, time.FixedZone("CET", 3600)),
		Since:      17,
		Upto:       42,
		Peer:       "0190a6a5-7c1e-7000-8000-0000000000bb",
	}
}

// sampleRecords holds a value of every type and the edges of each.
func sampleRecords() []Record {
	return []Record{
		{Kind: "person", ID: "p-1", Row: map[string]any{
			"surname": "Rossi", "name": "Maria Grazia", "note": nil, "empty": "",
			"accents": "Città, perché, Niccolò — «virgolette» €", "escapes": "a\nb\t\"c\" \\ <tag> & \u2028 \x00",
			"not_utf8": "\xff\xfeOK", "active": true, "deleted": false,
		}},
		{Kind: "person", ID: "p-2", Row: map[string]any{
			"zero": int64(0), "max": int64(math.MaxInt64), "min": int64(math.MinInt64),
			"beyond_float": int64(1<<53 + 1), "negative": int64(-42),
		}},
		{Kind: "vote", ID: "v-1", Row: map[string]any{
			"tenth": 0.1, "whole": 3.0, "negzero": math.Copysign(0, -1), "huge": 1e300, "tiny": 5e-324,
			"big_whole": 1e21, "nan": math.NaN(), "inf": math.Inf(1), "neginf": math.Inf(-1),
		}},
		{Kind: "verbale", ID: "s-1", Row: map[string]any{
			"pdf": []byte("%PDF-1.7\x00\x01\xff"), "empty_blob": []byte{}, "text": "%PDF-1.7",
		}},
		{Kind: "vote", ID: "v-2", Row: map[string]any{}},
	}
}

func seq(recs []Record) iter.Seq2[Record, error] {
	return func(yield func(Record, error) bool) {
		for _, r := range recs {
			if !yield(r, nil) {
				return
			}
		}
	}
}

func writeBundle(t testing.TB, h Header, recs []Record, opt WriteOptions) []byte {
	t.Helper()
	var buf bytes.Buffer
	if _, err := Write(&buf, h, seq(recs), opt); err != nil {
		t.Fatalf("Write: %v", err)
	}
	return buf.Bytes()
}

// sameValue compares two row values by type and exact value; NaN equals NaN, -0 differs from 0.
func sameValue(a, b any) bool {
	if fa, ok := a.(float64); ok {
		fb, ok := b.(float64)
		return ok && (math.Float64bits(fa) == math.Float64bits(fb) || math.IsNaN(fa) && math.IsNaN(fb))
	}
	return reflect.DeepEqual(a, b)
}

func checkRecords(t *testing.T, got, want []Record) {
	t.Helper()
	if len(got) != len(want) {
		t.Fatalf("read %d records, want %d", len(got), len(want))
	}
	for i := range want {
		g, w := got[i], want[i]
		if g.Kind != w.Kind || g.ID != w.ID || len(g.Row) != len(w.Row) || g.Row == nil {
			t.Errorf("record %d = %s/%s with %d columns, want %s/%s with %d", i, g.Kind, g.ID, len(g.Row), w.Kind, w.ID, len(w.Row))
			continue
		}
		for col, wv := range w.Row {
			if gv := g.Row[col]; !sameValue(gv, wv) {
				t.Errorf("%s/%s %s = %#v (%T), want %#v (%T)", w.Kind, w.ID, col, gv, gv, wv, wv)
			}
		}
	}
}

func checkHeader(t *testing.T, got, want Header) {
	t.Helper()
	if !got.Created.Equal(want.Created) {
		t.Errorf("Created = %v, want %v", got.Created, want.Created)
	}
	got.Created, want.Created = time.Time{}, time.Time{}
	if !reflect.DeepEqual(got, want) {
		t.Errorf("header = %+v, want %+v", got, want)
	}
}

func TestRoundTrip(t *testing.T) {
	for _, tt := range []struct {
		name      string
		opt       WriteOptions
		encrypted bool
	}{
		{"plain", plainOpt(), false},
		{"encrypted", encryptedOpt(), true},
	} {
		t.Run(tt.name, func(t *testing.T) {
			recs := sampleRecords()
			b := writeBundle(t, testHeader(), recs, tt.opt)
			var written Header
			written, _ = Write(io.Discard, testHeader(), seq(recs), tt.opt)

			rd, err := Open(bytes.NewReader(b), readOpt(testPass))
			if err != nil {
				t.Fatalf("Open: %v", err)
			}
			if rd.Encrypted() != tt.encrypted {
				t.Errorf("Encrypted() = %v, want %v", rd.Encrypted(), tt.encrypted)
			}
			if h := rd.Header(); h.Counts != nil || h.SHA256 != "" || h.AmbitoName != "Ambito di Forlì" {
				t.Errorf("header before the end = %+v, want the header without counts and checksum", h)
			}
			var got []Record
			for {
				rec, err := rd.Next()
				if err == io.EOF {
					break
				}
				if err != nil {
					t.Fatalf("Next: %v", err)
				}
				got = append(got, rec)
			}
			if _, err := rd.Next(); err != io.EOF {
				t.Errorf("Next after the end = %v, want io.EOF", err)
			}
			checkRecords(t, got, recs)

			want := testHeader()
			want.Format, want.Version = Format, Version
			want.Counts = map[string]int{"person": 2, "vote": 2, "verbale": 1}
			want.SHA256 = written.SHA256
			checkHeader(t, rd.Header(), want)
			checkHeader(t, written, want)
		})
	}
}

func TestRoundTripEdges(t *testing.T) {
	tests := []struct {
		name string
		recs []Record
		want []Record
	}{
		{"no records", nil, nil},
		{"nil row reads back empty", []Record{{Kind: "k", ID: "1"}}, []Record{{Kind: "k", ID: "1", Row: map[string]any{}}}},
		{"nil bytes read back empty", []Record{{Kind: "k", ID: "1", Row: map[string]any{"b": []byte(nil)}}},
			[]Record{{Kind: "k", ID: "1", Row: map[string]any{"b": []byte{}}}}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			h, recs, err := readAll(bytes.NewReader(writeBundle(t, testHeader(), tt.recs, plainOpt())), readOpt(""))
			if err != nil {
				t.Fatalf("ReadAll: %v", err)
			}
			checkRecords(t, recs, tt.want)
			if len(tt.recs) == 0 && (len(h.Counts) != 0 || h.Counts == nil ||
				h.SHA256 != "e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855") {
				t.Errorf("empty bundle: counts %v, sha256 %s; want {} and the SHA-256 of nothing", h.Counts, h.SHA256)
			}
		})
	}
}

// TestManyRecords streams more records than any buffer holds, in both forms.
func TestManyRecords(t *testing.T) {
	const n = 20000
	for _, opt := range []WriteOptions{plainOpt(), encryptedOpt()} {
		var buf bytes.Buffer
		h, err := Write(&buf, testHeader(), benchRecords(n), opt)
		if err != nil {
			t.Fatal(err)
		}
		rd, err := Open(&buf, readOpt(testPass))
		if err != nil {
			t.Fatal(err)
		}
		count := 0
		for {
			_, err := rd.Next()
			if err == io.EOF {
				break
			}
			if err != nil {
				t.Fatalf("record %d: %v", count, err)
			}
			count++
		}
		if count != n || rd.Header().SHA256 != h.SHA256 || rd.Header().Counts["person"] != n {
			t.Errorf("read %d records, counts %v; want %d", count, rd.Header().Counts, n)
		}
	}
}

// TestPlainIsDeterministic: the same header and records give the same bytes; the encrypted form never
// does (a random salt and nonce), yet reads back the same.
func TestPlainIsDeterministic(t *testing.T) {
	a := writeBundle(t, testHeader(), sampleRecords(), plainOpt())
	b := writeBundle(t, testHeader(), sampleRecords(), plainOpt())
	if !bytes.Equal(a, b) {
		t.Error("two plain bundles of the same records differ")
	}
	if !bytes.Equal(a[len(magicPrefix)+2:][:len(gzipHeader)], gzipHeader) {
		t.Errorf("gzip header % x, want % x", a[len(magicPrefix)+2:][:len(gzipHeader)], gzipHeader)
	}
	e1 := writeBundle(t, testHeader(), sampleRecords(), encryptedOpt())
	e2 := writeBundle(t, testHeader(), sampleRecords(), encryptedOpt())
	if bytes.Equal(e1, e2) {
		t.Error("two encrypted bundles are equal: the salt or nonce is not random")
	}
}

// TestGolden pins the content of the plain form, line by line, and checks that the committed bundles
// of format version 1 still read: a change that breaks either breaks every bundle on a USB stick.
func TestGolden(t *testing.T) {
	plain := writeBundle(t, testHeader(), sampleRecords(), plainOpt())
	content := gunzip(t, plain)
	golden := filepath.Join("testdata", "v1.jsonl")
	if *update {
		writeFile(t, golden, content)
		writeFile(t, filepath.Join("testdata", "v1.tavoli"), plain)
		writeFile(t, filepath.Join("testdata", "v1-encrypted.tavoli"),
			writeBundle(t, testHeader(), sampleRecords(), encryptedOpt()))
	}
	want, err := os.ReadFile(golden)
	if err != nil {
		t.Fatal(err)
	}
	if !bytes.Equal(content, want) {
		t.Errorf("plain content changed (run go test -update and review):\n%s", content)
	}
	for _, name := range []string{"v1.tavoli", "v1-encrypted.tavoli"} {
		f, err := os.Open(filepath.Join("testdata", name))
		if err != nil {
			t.Fatal(err)
		}
		_, recs, err := readAll(f, readOpt(testPass))
		f.Close()
		if err != nil {
			t.Fatalf("%s: %v", name, err)
		}
		checkRecords(t, recs, sampleRecords())
	}
}

// TestProductionWorkFactor: without the tests' option a bundle is encrypted at scrypt 2^18, and reads.
// It pays scrypt's real cost (a second or two) on purpose, in every run.
func TestProductionWorkFactor(t *testing.T) {
	b := writeBundle(t, testHeader(), sampleRecords()[:1], WriteOptions{Passphrase: testPass})
	first, _, _ := bufio.NewReader(bytes.NewReader(b)).ReadLine()
	stanza, _, _ := bufio.NewReader(bytes.NewReader(b[len(first)+1:])).ReadLine()
	if f := strings.Fields(string(stanza)); len(f) != 4 || f[1] != "scrypt" || f[3] != "18" {
		t.Errorf("age stanza %q, want -> scrypt SALT 18", stanza)
	}
	if _, _, err := readAll(bytes.NewReader(b), ReadOptions{Passphrase: testPass, MaxSchema: testSchema}); err != nil {
		t.Errorf("ReadAll: %v", err)
	}
}

func TestWriteRefusals(t *testing.T) {
	h := testHeader()
	bad := func(f func(*Header)) Header { c := testHeader(); f(&c); return c }
	tests := []struct {
		name string
		h    Header
		recs []Record
		opt  WriteOptions
		key  string
	}{
		{"no passphrase", h, nil, WriteOptions{}, KeyPassphraseChoose},
		{"a passphrase of spaces", h, nil, WriteOptions{Passphrase: "        "}, KeyPassphraseChoose},
		{"a short passphrase", h, nil, WriteOptions{Passphrase: "a"}, KeyPassphraseShort},
		{"passphrase and no encryption", h, nil, WriteOptions{Passphrase: "x", NoEncryption: true}, KeyInternal},
		{"no ambito", bad(func(h *Header) { h.AmbitoID = "" }), nil, plainOpt(), KeyInternal},
		{"no sender", bad(func(h *Header) { h.Sender = "" }), nil, plainOpt(), KeyInternal},
		{"no schema", bad(func(h *Header) { h.Schema = 0 }), nil, plainOpt(), KeyInternal},
		{"no time", bad(func(h *Header) { h.Created = time.Time{} }), nil, plainOpt(), KeyInternal},
		{"window backwards", bad(func(h *Header) { h.Since = 50 }), nil, plainOpt(), KeyInternal},
		{"name not UTF-8", bad(func(h *Header) { h.SenderName = "\xff" }), nil, plainOpt(), KeyInternal},
		{"no kind", h, []Record{{ID: "1"}}, plainOpt(), KeyInternal},
		{"no id", h, []Record{{Kind: "k"}}, plainOpt(), KeyInternal},
		{"id not UTF-8", h, []Record{{Kind: "k", ID: "\xff"}}, plainOpt(), KeyInternal},
		{"empty column", h, []Record{{Kind: "k", ID: "1", Row: map[string]any{"": int64(1)}}}, plainOpt(), KeyInternal},
		{"int", h, []Record{{Kind: "k", ID: "1", Row: map[string]any{"n": 1}}}, plainOpt(), KeyInternal},
		{"time", h, []Record{{Kind: "k", ID: "1", Row: map[string]any{"t": time.Now()}}}, plainOpt(), KeyInternal},
		{"list", h, []Record{{Kind: "k", ID: "1", Row: map[string]any{"l": []any{"a"}}}}, plainOpt(), KeyInternal},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			_, err := Write(io.Discard, tt.h, seq(tt.recs), tt.opt)
			if e := data.AsError(err); e == nil || e.Key != tt.key {
				t.Errorf("Write = %v, want %s", err, tt.key)
			}
		})
	}
}

// TestWriterSpoiled: after a failed Add, or after Finish, the Writer refuses everything, so that a
// bundle missing a record is never finished.
func TestWriterSpoiled(t *testing.T) {
	w, err := NewWriter(io.Discard, testHeader(), plainOpt())
	if err != nil {
		t.Fatal(err)
	}
	if err := w.Add(Record{Kind: "k", ID: "1", Row: map[string]any{"n": 1}}); err == nil {
		t.Fatal("Add of an int succeeded")
	}
	if err := w.Add(Record{Kind: "k", ID: "2"}); err == nil {
		t.Error("Add after a failure succeeded")
	}
	if _, err := w.Finish(); err == nil {
		t.Error("Finish after a failure succeeded")
	}

	w, _ = NewWriter(io.Discard, testHeader(), plainOpt())
	if _, err := w.Finish(); err != nil {
		t.Fatal(err)
	}
	if err := w.Add(Record{Kind: "k", ID: "2"}); data.ErrorCode(err) != data.EInternal {
		t.Errorf("Add after Finish = %v, want an internal error", err)
	}
}

// TestSourceErrors: the records' own error stops Write as it is; a failing destination comes back
// wrapped, for the caller to word.
func TestSourceErrors(t *testing.T) {
	boom := errors.New("the store failed")
	failing := func(yield func(Record, error) bool) {
		if yield(Record{Kind: "k", ID: "1"}, nil) {
			yield(Record{}, boom)
		}
	}
	if _, err := Write(io.Discard, testHeader(), failing, plainOpt()); err != boom {
		t.Errorf("Write = %v, want %v", err, boom)
	}
	full := errors.New("no space left on device")
	_, err := Write(failingWriter{full}, testHeader(), seq(sampleRecords()), plainOpt())
	if !errors.Is(err, full) || data.AsError(err) != nil {
		t.Errorf("Write to a full disk = %v, want it to wrap %v", err, full)
	}
}

type failingWriter struct{ err error }

func (w failingWriter) Write([]byte) (int, error) { return 0, w.err }

func TestValueForms(t *testing.T) {
	tests := []struct {
		v    any
		want string
	}{
		{nil, `null`},
		{true, `true`},
		{int64(math.MinInt64), `-9223372036854775808`},
		{3.0, `3.0`},
		{float64(0), `0.0`},
		{math.Copysign(0, -1), `-0.0`},
		{1e21, `1e+21`},
		{0.1, `0.1`},
		{math.NaN(), `{"float":"NaN"}`},
		{math.Inf(-1), `{"float":"-Inf"}`},
		{"è", `"è"`},
		{"\xff", `{"text":"/w=="}`},
		{[]byte("hi"), `{"bytes":"aGk="}`},
	}
	for _, tt := range tests {
		t.Run(fmt.Sprintf("%T %v", tt.v, tt.v), func(t *testing.T) {
			ev, err := encodeValue(tt.v)
			if err != nil {
				t.Fatal(err)
			}
			var buf bytes.Buffer
			enc := json.NewEncoder(&buf)
			enc.SetEscapeHTML(false)
			if err := enc.Encode(ev); err != nil {
				t.Fatal(err)
			}
			if got := strings.TrimSuffix(buf.String(), "\n"); got != tt.want {
				t.Errorf("encodeValue(%#v) = %s, want %s", tt.v, got, tt.want)
			}
			back, err := decodeValue([]byte(tt.want))
			if err != nil || !sameValue(back, tt.v) {
				t.Errorf("decodeValue(%s) = %#v, %v; want %#v", tt.want, back, err, tt.v)
			}
		})
	}
}

// gunzip returns the content of a plain bundle's gzip members, read apart from the package's reader.
func gunzip(t testing.TB, plain []byte) []byte {
	t.Helper()
	i := bytes.IndexByte(plain, '\n')
	br := bufio.NewReader(bytes.NewReader(plain[i+1:]))
	var out bytes.Buffer
	for {
		if head, _ := br.Peek(2); !bytes.Equal(head, gzipHeader[:2]) {
			return out.Bytes()
		}
		zr, err := gzip.NewReader(br)
		if err != nil {
			t.Fatal(err)
		}
		zr.Multistream(false)
		if _, err := io.Copy(&out, zr); err != nil {
			t.Fatal(err)
		}
	}
}

func writeFile(t *testing.T, name string, b []byte) {
	t.Helper()
	if err := os.MkdirAll(filepath.Dir(name), 0o755); err != nil {
		t.Fatal(err)
	}
	if err := os.WriteFile(name, b, 0o644); err != nil {
		t.Fatal(err)
	}
}

// readAll is ReadAll with the header and records apart.
func readAll(r io.Reader, opt ReadOptions) (Header, []Record, error) {
	in, err := ReadAll(r, opt)
	if err != nil {
		return Header{}, nil, err
	}
	return in.Header, in.Records, nil
}
