package bundle

import (
	"bytes"
	"compress/flate"
	"crypto/sha256"
	"encoding/binary"
	"encoding/json"
	"fmt"
	"hash"
	"hash/crc32"
	"io"
	"math/rand/v2"
	"runtime"
	"strings"
	"testing"
)

// craftedMember builds a gzip member by hand, as someone forging a bundle would: each piece is
// compressed on its own (deflate blocks that refer to nothing before them), so that a piece repeated
// a thousand times costs one compression, and a megabyte of repetitive text about a kilobyte of file.
type craftedMember struct {
	z     bytes.Buffer // the deflate stream
	crc   uint32
	size  uint32
	lines hash.Hash // of the pieces that are record lines
}

func newCraftedMember() *craftedMember { return &craftedMember{lines: sha256.New()} }

// repeat adds s times times; record says whether it is part of the record lines.
func (m *craftedMember) repeat(s string, times int, record bool) {
	var z bytes.Buffer
	zw, _ := flate.NewWriter(&z, flate.BestCompression)
	io.WriteString(zw, s)
	zw.Flush()
	for range times {
		m.z.Write(z.Bytes())
		m.crc = crc32.Update(m.crc, crc32.IEEETable, []byte(s))
		m.size += uint32(len(s))
		if record {
			io.WriteString(m.lines, s)
		}
	}
}

// trailer adds the trailer line for n records of kind "k".
func (m *craftedMember) trailer(n int) {
	m.repeat(fmt.Sprintf(`{"end":true,"counts":{"k":%d},"sha256":"%x"}`+"\n", n, m.lines.Sum(nil)), 1, false)
}

// bytes ends the deflate stream and returns the member: the fixed header, the stream, CRC-32 and size.
func (m *craftedMember) bytes() []byte {
	zw, _ := flate.NewWriter(&m.z, flate.BestCompression)
	zw.Close() // the final, empty block
	out := append(bytes.Clone(gzipHeader), m.z.Bytes()...)
	out = binary.LittleEndian.AppendUint32(out, m.crc)
	return binary.LittleEndian.AppendUint32(out, m.size)
}

// craftedBundle seals the magic line and two crafted members.
func craftedBundle(header, records *craftedMember) []byte {
	return sealed(append([]byte(magicPrefix+"1\n"), append(header.bytes(), records.bytes()...)...))
}

// craftedHeader is a member holding the test header's line.
func craftedHeader(tb testing.TB) *craftedMember {
	h := testHeader()
	h.Format, h.Version = Format, Version
	b, err := json.Marshal(h)
	if err != nil {
		tb.Fatal(err)
	}
	m := newCraftedMember()
	m.repeat(string(b)+"\n", 1, false)
	return m
}

const mib = 1 << 20

// The crafted bundles: valid in every other respect (checksum, counts, CRC, seal), about 1.2 MB on
// disk, each inflating to more than a gigabyte. Before readers charged the content to the file's size,
// the first one was read whole and its records held 1.24 GB.
var bombs = []struct {
	name string
	make func(testing.TB) []byte
	key  string // the refusal
}{
	// Ten records of 118 MiB of "a" each, under the 128 MiB a line may have.
	{"big_strings", func(tb testing.TB) []byte {
		recs := newCraftedMember()
		for i := range 10 {
			recs.repeat(fmt.Sprintf(`{"kind":"k","id":"%d","row":{"s":"`, i), 1, true)
			recs.repeat(strings.Repeat("a", mib), 118, true)
			recs.repeat("\"}}\n", 1, true)
		}
		recs.trailer(10)
		return craftedBundle(craftedHeader(tb), recs)
	}, KeyOversized},
	// 15 million copies of the smallest record: the most records a reader could be made to hand out.
	{"tiny_records", func(tb testing.TB) []byte {
		const rec = `{"kind":"k","id":"1","row":{}}` + "\n"
		const perMiB = mib / len(rec)
		recs := newCraftedMember()
		recs.repeat(strings.Repeat(rec, perMiB), 462, true)
		recs.trailer(perMiB * 462)
		return craftedBundle(craftedHeader(tb), recs)
	}, KeyOversized},
	// A header whose Ambito is called with 1.2 GB of "a", read before its CRC can be checked.
	{"big_header", func(tb testing.TB) []byte {
		head := newCraftedMember()
		h := testHeader()
		h.Format, h.Version, h.AmbitoName = Format, Version, "@@"
		b, _ := json.Marshal(h)
		before, after, _ := strings.Cut(string(b), "@@")
		head.repeat(before, 1, false)
		head.repeat(strings.Repeat("a", mib), 1180, false)
		head.repeat(after+"\n", 1, false)
		recs := newCraftedMember()
		recs.trailer(0)
		return craftedBundle(head, recs)
	}, KeyAltered},
}

// readMemory reads b with ReadAll and returns the bytes allocated while reading, the heap the records
// hold once returned, and the result.
func readMemory(b []byte) (allocated, held uint64, recs []Record, err error) {
	var before, after runtime.MemStats
	runtime.GC()
	runtime.ReadMemStats(&before)
	_, recs, err = readAll(bytes.NewReader(b), readOpt(testPass))
	runtime.GC()
	runtime.ReadMemStats(&after)
	runtime.KeepAlive(recs)
	return after.TotalAlloc - before.TotalAlloc, max(after.HeapAlloc, before.HeapAlloc) - before.HeapAlloc, recs, err
}

// TestCraftedBundles: a bundle that inflates a thousandfold is refused after a few MiB of content,
// whatever shape the content takes, and reading it allocates a bounded amount of memory.
func TestCraftedBundles(t *testing.T) {
	for i, bomb := range bombs {
		file := bomb.make(t)
		forms := map[string][]byte{"plain": file}
		if i == 0 { // encryption changes nothing: the content is charged to the plain form's bytes
			forms["encrypted"] = encrypt(t, file, testWork)
		}
		for form, b := range forms {
			t.Run(bomb.name+"/"+form, func(t *testing.T) {
				allocated, held, recs, err := readMemory(b)
				checkRefused(t, bomb.name, err, bomb.key)
				t.Logf("%d bytes on disk: %d allocated while reading, refused: %v", len(b), allocated, err)
				if allocated > 64*mib || held > 8*mib || recs != nil {
					t.Errorf("ReadAll allocated %d bytes and holds %d for a file of %d, want at most 64 MiB and 8 MiB",
						allocated, held, len(b))
				}
			})
		}
	}
}

// nearLimit writes, with a Writer, a bundle of about size bytes whose records inflate about
// ratio-fold: each carries 1000 random bytes and a run of letters.
func nearLimit(tb testing.TB, size, ratio int) []byte {
	rnd := rand.New(rand.NewChaCha8([32]byte{7}))
	n := size / 1060
	recs := make([]Record, n)
	for i := range recs {
		blob := make([]byte, 1000)
		for j := range blob {
			blob[j] = byte(rnd.Uint32())
		}
		recs[i] = Record{Kind: "k", ID: fmt.Sprint(i), Row: map[string]any{
			"blob": blob, "text": strings.Repeat("a", 1060*ratio-1400)}}
	}
	return writeBundle(tb, testHeader(), recs, plainOpt())
}

// manySmall writes, with a Writer, about size bytes of small records with random ids.
func manySmall(tb testing.TB, size int) []byte {
	rnd := rand.New(rand.NewChaCha8([32]byte{8}))
	n := size / 5
	recs := make([]Record, n)
	for i := range recs {
		recs[i] = Record{Kind: "k", ID: fmt.Sprintf("%08x", rnd.Uint32()), Row: map[string]any{}}
	}
	return writeBundle(tb, testHeader(), recs, plainOpt())
}

// TestMemoryProportional: the worst bundles a reader accepts, records that inflate close to the
// ratio and a flood of records with nothing in them, hold memory in proportion to the file.
func TestMemoryProportional(t *testing.T) {
	for _, tt := range []struct {
		name string
		file []byte
	}{
		{"near_the_ratio", nearLimit(t, 1200_000, maxRatio-4)},
		{"many_small_records", manySmall(t, 1200_000)},
	} {
		t.Run(tt.name, func(t *testing.T) {
			allocated, held, recs, err := readMemory(tt.file)
			if err != nil {
				t.Fatalf("ReadAll = %v, want the bundle read", err)
			}
			t.Logf("%d bytes on disk, %d records: %d allocated while reading, %d held (%.0f and %.0f per byte)",
				len(tt.file), len(recs), allocated, held,
				float64(allocated)/float64(len(tt.file)), float64(held)/float64(len(tt.file)))
			if limit := uint64(2*maxRatio*len(tt.file) + contentSlack); held > limit {
				t.Errorf("the records hold %d bytes for a file of %d, want at most %d", held, len(tt.file), limit)
			}
		})
	}
	t.Run("over_the_ratio", func(t *testing.T) {
		_, _, err := readAll(bytes.NewReader(nearLimit(t, 1200_000, 2*maxRatio)), readOpt(""))
		checkRefused(t, "records inflating past the ratio", err, KeyOversized)
	})
}

// BenchmarkReadCrafted reads the crafted bundles and the worst accepted ones, reporting the bytes
// allocated and held per byte of file.
func BenchmarkReadCrafted(b *testing.B) {
	files := map[string]func(testing.TB) []byte{
		"near_the_ratio":     func(tb testing.TB) []byte { return nearLimit(tb, 1200_000, maxRatio-4) },
		"many_small_records": func(tb testing.TB) []byte { return manySmall(tb, 1200_000) },
	}
	for _, bomb := range bombs {
		files[bomb.name] = bomb.make
	}
	for _, name := range []string{"big_strings", "tiny_records", "big_header", "near_the_ratio", "many_small_records"} {
		b.Run(name, func(b *testing.B) {
			file := files[name](b)
			b.ReportAllocs()
			for b.Loop() {
				readAll(bytes.NewReader(file), readOpt(""))
			}
			_, held, _, _ := readMemory(file)
			b.ReportMetric(float64(len(file)), "file-bytes")
			b.ReportMetric(float64(held)/float64(len(file)), "held/file-byte")
		})
	}
}
