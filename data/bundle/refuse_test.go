package bundle

import (
	"bytes"
	"compress/gzip"
	"crypto/sha256"
	"encoding/hex"
	"encoding/json"
	"errors"
	"fmt"
	"io"
	"math/rand/v2"
	"slices"
	"strings"
	"testing"

	"filippo.io/age"

	"github.com/tavoli/tavoli/data"
)

// readRefusals are the keys a reader may refuse a file with, and their codes.
var readRefusals = map[string]data.Code{
	KeyEmpty:              data.ECorrupt,
	KeyNotBundle:          data.ENotOurs,
	KeyDatabase:           data.ENotOurs,
	KeyNotPassphrase:      data.ENotOurs,
	KeyPassphraseRequired: data.EPassphrase,
	KeyPassphraseWrong:    data.EPassphrase,
	KeyAltered:            data.ECorrupt,
	KeyTruncated:          data.ECorrupt,
	KeyOversized:          data.ECorrupt,
	KeyNewerFormat:        data.ENewer,
	KeyNewerSchema:        data.ENewer,
}

// checkRefused fails unless err is a reading refusal with its proper code and one of the keys.
func checkRefused(t testing.TB, what string, err error, keys ...string) {
	t.Helper()
	e := data.AsError(err)
	if e == nil {
		t.Fatalf("%s: read with %v, want a refusal %v", what, err, keys)
		return // Fatalf has stopped the test; staticcheck cannot tell through testing.TB
	}
	if code, ok := readRefusals[e.Key]; !ok || code != e.Code {
		t.Fatalf("%s: %v, want one of the reading refusals with its code", what, err)
	}
	for _, k := range keys {
		if e.Key == k {
			return
		}
	}
	t.Fatalf("%s: %v, want %v", what, err, keys)
}

// headerLine is the JSON of the test header as Write puts it, with extra members added.
func headerLine(t *testing.T, extra map[string]any) string {
	h := testHeader()
	h.Format, h.Version = Format, Version
	b, err := json.Marshal(h)
	if err != nil {
		t.Fatal(err)
	}
	var m map[string]any
	if err := json.Unmarshal(b, &m); err != nil {
		t.Fatal(err)
	}
	for k, v := range extra {
		m[k] = v
	}
	b, _ = json.Marshal(m)
	return string(b)
}

// trailerOf is the right trailer for the given record lines of kind "k".
func trailerOf(recs ...string) string {
	sum := sha256.New()
	for _, r := range recs {
		sum.Write([]byte(r + "\n"))
	}
	return fmt.Sprintf(`{"end":true,"counts":{"k":%d},"sha256":"%s"}`, len(recs), hex.EncodeToString(sum.Sum(nil)))
}

// member is one gzip member of the lines, as a writer makes it.
func member(lines ...string) []byte {
	var buf bytes.Buffer
	zw := gzip.NewWriter(&buf)
	for _, l := range lines {
		io.WriteString(zw, l+"\n")
	}
	zw.Close()
	return buf.Bytes()
}

// sealed appends the seal of b to it.
func sealed(b []byte) []byte {
	sum := sha256.Sum256(b)
	return append(b, sealPrefix+hex.EncodeToString(sum[:])+"\n"...)
}

// craft builds a plain bundle by hand: a magic line, the header member, a member of the lines, the seal.
func craft(magic, header string, lines ...string) []byte {
	return sealed(slices.Concat([]byte(magic), member(header), member(lines...)))
}

// encrypt wraps any bytes the way an encrypted bundle is wrapped.
func encrypt(t *testing.T, plain []byte, work int) []byte {
	t.Helper()
	r, err := age.NewScryptRecipient(testPass)
	if err != nil {
		t.Fatal(err)
	}
	r.SetWorkFactor(work)
	var buf bytes.Buffer
	w, err := age.Encrypt(&buf, r)
	if err != nil {
		t.Fatal(err)
	}
	w.Write(plain)
	if err := w.Close(); err != nil {
		t.Fatal(err)
	}
	return buf.Bytes()
}

func TestRefusals(t *testing.T) {
	const magic = "TAVOLI-BUNDLE 1\n"
	const rec = `{"kind":"k","id":"1","row":{"n":1}}`
	hdr := headerLine(t, nil)
	valid := craft(magic, hdr, rec, trailerOf(rec))
	plain := writeBundle(t, testHeader(), sampleRecords(), plainOpt())
	encrypted := writeBundle(t, testHeader(), sampleRecords(), encryptedOpt())

	x25519, _ := age.GenerateX25519Identity()
	var toKey bytes.Buffer
	w, _ := age.Encrypt(&toKey, x25519.Recipient())
	w.Write(plain)
	w.Close()

	var zipped bytes.Buffer
	zw := gzip.NewWriter(&zipped)
	io.WriteString(zw, "ciao")
	zw.Close()

	var named bytes.Buffer
	zw = gzip.NewWriter(&named)
	zw.Name = "bundle.jsonl"
	io.WriteString(zw, rec+"\n"+trailerOf(rec)+"\n")
	zw.Close()
	unsealed := slices.Concat([]byte(magic), member(hdr), member(rec, trailerOf(rec)))

	random := make([]byte, 4096)
	rand.NewChaCha8([32]byte{1}).Read(random)
	newer := writeBundle(t, func() Header { h := testHeader(); h.Schema = 9; return h }(), nil, plainOpt())

	tests := []struct {
		name string
		file []byte
		pass string
		key  string
	}{
		{"empty", nil, "", KeyEmpty},
		{"a PDF", []byte("%PDF-1.7\n%\xe2\xe3\xcf\xd3\n1 0 obj\n<< /Type /Catalog >>\nendobj\n"), "", KeyNotBundle},
		{"a SQLite database", append([]byte("SQLite format 3\x00\x10\x00\x01\x01"), make([]byte, 4000)...), "", KeyDatabase},
		{"random bytes", random, testPass, KeyNotBundle},
		{"a text", []byte("ciao\n"), "", KeyNotBundle},
		{"a gzip file", zipped.Bytes(), "", KeyNotBundle},
		{"age to a key", toKey.Bytes(), testPass, KeyNotPassphrase},
		{"age, not a bundle", encrypt(t, []byte("ciao, non sono un pacchetto"), testWork), testPass, KeyNotBundle},
		{"encrypted, no passphrase", encrypted, "", KeyPassphraseRequired},
		{"encrypted, wrong passphrase", encrypted, "pane e tulipano", KeyPassphraseWrong},
		{"newer format", append([]byte("TAVOLI-BUNDLE 2\n"), valid[len(magic):]...), "", KeyNewerFormat},
		{"newer format, encrypted", encrypt(t, append([]byte("TAVOLI-BUNDLE 12\n"), "zstd…"...), testWork), testPass, KeyNewerFormat},
		{"newer schema", newer, "", KeyNewerSchema},
		{"scrypt dearer than readers allow", encrypt(t, plain, 11), testPass, KeyAltered},
		{"data after the seal", append(bytes.Clone(valid), 0), "", KeyAltered},
		{"an extra gzip member", sealed(slices.Concat(unsealed, member(rec))), "", KeyAltered},
		{"the header in the records' member", sealed(slices.Concat([]byte(magic), member(hdr, rec, trailerOf(rec)))), "", KeyAltered},
		{"no seal", unsealed, "", KeyTruncated},
		{"seal cut", valid[:len(valid)-1], "", KeyTruncated},
		{"seal of other bytes", slices.Concat(unsealed, sealed([]byte("x"))[1:]), "", KeyAltered},
		{"data after the age file", append(bytes.Clone(encrypted), '\n'), testPass, KeyAltered},
		{"recompressed with a name", sealed(slices.Concat([]byte(magic), member(hdr), named.Bytes())), "", KeyAltered},
		{"no trailer", craft(magic, hdr, rec), "", KeyTruncated},
		{"an empty records member", craft(magic, hdr), "", KeyTruncated},
		{"nothing but the header", slices.Concat([]byte(magic), member(hdr)), "", KeyTruncated},
		{"nothing but the magic line", []byte(magic), "", KeyTruncated},
		{"magic line cut", []byte("TAVOLI-BU"), "", KeyTruncated},
		{"checksum", craft(magic, hdr, rec, trailerOf(`{"kind":"k","id":"1","row":{"n":2}}`)), "", KeyAltered},
		{"counts", craft(magic, hdr, rec, strings.Replace(trailerOf(rec), `"k":1`, `"k":2`, 1)), "", KeyAltered},
		{"a line after the trailer", craft(magic, hdr, rec, trailerOf(rec), rec), "", KeyAltered},
		{"a record without a kind", craft(magic, hdr, `{"id":"1","row":{}}`, trailerOf(`{"id":"1","row":{}}`)), "", KeyAltered},
		{"a list value", craft(magic, hdr, `{"kind":"k","id":"1","row":{"n":[1]}}`, trailerOf(`{"kind":"k","id":"1","row":{"n":[1]}}`)), "", KeyAltered},
		{"an unknown value form", craft(magic, hdr, `{"kind":"k","id":"1","row":{"n":{"date":"2025-01-01"}}}`, trailerOf(`{"kind":"k","id":"1","row":{"n":{"date":"2025-01-01"}}}`)), "", KeyAltered},
		{"an integer beyond int64", craft(magic, hdr, `{"kind":"k","id":"1","row":{"n":9223372036854775808}}`, trailerOf(`{"kind":"k","id":"1","row":{"n":9223372036854775808}}`)), "", KeyAltered},
		{"not JSON", craft(magic, hdr, `{"kind":"k",`, trailerOf(`{"kind":"k",`)), "", KeyAltered},
		{"another format", craft(magic, headerLine(t, map[string]any{"format": "other"}), trailerOf()), "", KeyAltered},
		{"version unlike the magic", craft("TAVOLI-BUNDLE 1\n", headerLine(t, map[string]any{"version": 2}), trailerOf()), "", KeyAltered},
		{"header without sender", craft(magic, headerLine(t, map[string]any{"sender": ""}), trailerOf()), "", KeyAltered},
		{"magic with a zero", append([]byte("TAVOLI-BUNDLE 01\n"), valid[len(magic):]...), "", KeyAltered},
		{"magic without a number", append([]byte("TAVOLI-BUNDLE x\n"), valid[len(magic):]...), "", KeyAltered},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			_, _, err := readAll(bytes.NewReader(tt.file), readOpt(tt.pass))
			checkRefused(t, tt.name, err, tt.key)
		})
	}

	t.Run("valid", func(t *testing.T) {
		if _, _, err := readAll(bytes.NewReader(valid), readOpt("")); err != nil {
			t.Errorf("the hand-made bundle: %v", err)
		}
	})
	t.Run("newer schema args", func(t *testing.T) {
		_, err := Open(bytes.NewReader(newer), readOpt(""))
		if e := data.AsError(err); e == nil || e.Args["version"] != 9 || e.Args["known"] != testSchema {
			t.Errorf("Open = %#v, want version 9 and known %d", e, testSchema)
		}
	})
}

// TestUnknownFieldsTolerated: members this version does not know, in the header, a record's envelope
// and the trailer, are ignored (see Compatibility in the package doc).
func TestUnknownFieldsTolerated(t *testing.T) {
	rec := `{"kind":"k","id":"1","row":{"n":1},"origin":"later"}`
	trailer := strings.Replace(trailerOf(rec), `{`, `{"signature":"…",`, 1)
	file := craft("TAVOLI-BUNDLE 1\n", headerLine(t, map[string]any{"note": "from a later Tavoli"}), rec, trailer)
	_, recs, err := readAll(bytes.NewReader(file), readOpt(""))
	if err != nil || len(recs) != 1 || recs[0].Row["n"] != int64(1) {
		t.Errorf("ReadAll = %v, %v; want the one record", recs, err)
	}
}

// TestPassphraseOnlyWhenNeeded: a plain bundle opens with or without one.
func TestPassphraseOnlyWhenNeeded(t *testing.T) {
	plain := writeBundle(t, testHeader(), sampleRecords(), plainOpt())
	for _, pass := range []string{"", "whatever"} {
		if _, _, err := readAll(bytes.NewReader(plain), readOpt(pass)); err != nil {
			t.Errorf("plain with passphrase %q: %v", pass, err)
		}
	}
	if _, err := Open(bytes.NewReader(plain), ReadOptions{}); data.ErrorCode(err) != data.EInternal {
		t.Errorf("Open without MaxSchema = %v, want an internal error", err)
	}
}

// TestFlipEveryByte changes each byte of both forms in three ways: every change is refused, with a
// coded refusal, never a panic and never a silent success.
func TestFlipEveryByte(t *testing.T) {
	for _, form := range []struct {
		name string
		opt  WriteOptions
	}{{"plain", plainOpt()}, {"encrypted", encryptedOpt()}} {
		t.Run(form.name, func(t *testing.T) {
			b := writeBundle(t, testHeader(), sampleRecords(), form.opt)
			for i := range b {
				for _, mask := range []byte{0x01, 0x80, 0xff} {
					c := bytes.Clone(b)
					c[i] ^= mask
					_, _, err := readAll(bytes.NewReader(c), readOpt(testPass))
					checkRefused(t, fmt.Sprintf("byte %d of %d ^ %#x", i, len(b), mask), err,
						KeyAltered, KeyTruncated, KeyNotBundle, KeyNewerFormat, KeyPassphraseWrong, KeyNotPassphrase)
				}
			}
			t.Logf("%d bytes, each changed three ways, all refused", len(b))
		})
	}
}

// TestTruncateEveryLength cuts both forms at every length.
func TestTruncateEveryLength(t *testing.T) {
	plain := writeBundle(t, testHeader(), sampleRecords(), plainOpt())
	for n := range len(plain) {
		_, _, err := readAll(bytes.NewReader(plain[:n]), readOpt(""))
		if n == 0 {
			checkRefused(t, "plain cut at 0", err, KeyEmpty)
			continue
		}
		checkRefused(t, fmt.Sprintf("plain cut at %d of %d", n, len(plain)), err, KeyTruncated)
	}
	// age cannot tell a cut inside its last chunk from a change: both fail the chunk's tag.
	encrypted := writeBundle(t, testHeader(), sampleRecords(), encryptedOpt())
	for n := 1; n < len(encrypted); n++ {
		_, _, err := readAll(bytes.NewReader(encrypted[:n]), readOpt(testPass))
		checkRefused(t, fmt.Sprintf("encrypted cut at %d of %d", n, len(encrypted)), err, KeyTruncated, KeyAltered)
	}
}

// TestLargeTruncated: a bundle of many records cut in the middle of its chunks, in both forms, and an
// export abandoned before Finish.
func TestLargeTruncated(t *testing.T) {
	for _, opt := range []WriteOptions{plainOpt(), encryptedOpt()} {
		var buf bytes.Buffer
		if _, err := Write(&buf, testHeader(), benchRecords(5000), opt); err != nil {
			t.Fatal(err)
		}
		b := buf.Bytes()
		for _, n := range []int{len(b) / 3, len(b) / 2, len(b) - 1, 64*1024 + 22 + 100} {
			_, _, err := readAll(bytes.NewReader(b[:n]), readOpt(testPass))
			checkRefused(t, fmt.Sprintf("cut at %d of %d", n, len(b)), err, KeyTruncated, KeyAltered)
		}

		var part bytes.Buffer
		w, err := NewWriter(&part, testHeader(), opt)
		if err != nil {
			t.Fatal(err)
		}
		for rec := range benchRecords(5000) {
			if err := w.Add(rec); err != nil {
				t.Fatal(err)
			}
		}
		if part.Len() == 0 {
			t.Fatal("nothing reached the destination before Finish: the test proves nothing")
		}
		_, _, err = readAll(&part, readOpt(testPass))
		checkRefused(t, "an export without Finish", err, KeyTruncated, KeyAltered)
	}
}

// TestReadFailure: a file that cannot be read (a stick pulled out) is not called damaged.
func TestReadFailure(t *testing.T) {
	b := writeBundle(t, testHeader(), sampleRecords(), plainOpt())
	eio := errors.New("input/output error")
	for _, n := range []int{0, 10, len(b) / 2} {
		r := io.MultiReader(bytes.NewReader(b[:n]), failingReader{eio})
		_, _, err := readAll(r, readOpt(""))
		if e := data.AsError(err); e == nil || e.Key != KeyRead || e.Code != data.EInternal || !errors.Is(err, eio) {
			t.Errorf("failing after %d bytes: %v, want %s wrapping %v", n, err, KeyRead, eio)
		}
	}
}

type failingReader struct{ err error }

func (r failingReader) Read([]byte) (int, error) { return 0, r.err }
