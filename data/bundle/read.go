package bundle

import (
	"bufio"
	"bytes"
	"cmp"
	"compress/gzip"
	"crypto/sha256"
	"encoding/hex"
	"encoding/json"
	"errors"
	"fmt"
	"hash"
	"io"
	"maps"
	"strconv"

	"filippo.io/age"

	"github.com/tavoli/tavoli/data"
)

// Markers of the first bytes of a file.
const (
	ageMagic    = "age-encryption.org/v1\n"
	ageScrypt   = "-> scrypt " // the first (and only) recipient of a passphrase-encrypted age file
	sqliteMagic = "SQLite format 3\x00"
)

// maxWorkFactor is the highest scrypt cost (log2 of N) a reader accepts: what Tavoli writes, 256 MiB
// of memory. age reads the cost from the file and checks it against this cap before deriving the key,
// so a forged file of a few hundred bytes cannot make a reader spend more (at 20 it was 1 GiB, and
// age's own cap allows 4 GiB). To raise the writers' cost, raise this cap in one release and
// scryptWorkFactor in a later one, so that laptops not yet updated can still read what they receive.
const maxWorkFactor = scryptWorkFactor

// What the content of a bundle may cost for the size of the file. deflate turns a kilobyte into up to a
// megabyte, so a small forged file could otherwise hand out a gigabyte of records. Bundles Tavoli
// writes inflate about 2 times (6 without the verbali's PDFs, 8 for the most repetitive kind): a reader
// refuses a bundle as soon as its content passes contentSlack plus maxRatio times the compressed bytes
// read so far. Each record also costs recordCost, about what a record with no values holds in memory
// beyond its line, so that a flood of tiny records is bounded like a few large ones. Whatever the file,
// the records a reader hands out then hold at most a few dozen times its size, plus contentSlack.
const (
	maxRatio     = 32
	contentSlack = 4 << 20
	recordCost   = 64
)

// maxHeader bounds the header line: a few names and numbers, under a kilobyte in practice. It is read
// before its CRC is checked, so it is kept small.
const maxHeader = 64 << 10

// ReadOptions say what a reader may open.
type ReadOptions struct {
	Passphrase string // needed only for an encrypted bundle
	MaxSchema  int    // the newest database schema the caller knows; required

	maxWorkFactor int // tests only: a lower cap, so that fuzzing stays fast; 0 means maxWorkFactor
}

// Reader reads a bundle record by record. Open has checked everything before the first record; Next
// checks the rest as it goes, and the whole bundle is verified only when Next returns io.EOF.
type Reader struct {
	src       *source
	body      *bufio.Reader // the plain form after its magic line
	sealed    *sealReader   // body as the gzip members consume it, hashed for the seal
	gz        *gzip.Reader  // the member being read
	lines     *lineReader   // its content
	h         Header
	encrypted bool
	spent     int64     // the content inflated so far, and recordCost for each record
	sum       hash.Hash // of the record lines
	counts    map[string]int
	err       error // io.EOF once verified, or the refusal; every later Next returns it
}

// line is any line of the records member: a record or the trailer.
type line struct {
	Kind   string                     `json:"kind"`
	ID     string                     `json:"id"`
	Row    map[string]json.RawMessage `json:"row"`
	End    bool                       `json:"end"`
	Counts map[string]int             `json:"counts"`
	SHA256 string                     `json:"sha256"`
}

// Open reads a bundle's form, decrypts it if needed, and reads and checks its header. Opening is
// also the cheap way to show who sent a bundle before reading it all: see Header.
func Open(r io.Reader, opt ReadOptions) (*Reader, error) {
	if opt.MaxSchema < 1 {
		return nil, internal(errors.New("ReadOptions.MaxSchema is required"))
	}
	rd := &Reader{src: &source{r: r}, sum: sha256.New(), counts: map[string]int{}}
	if err := rd.open(opt); err != nil {
		return nil, rd.refusal(err)
	}
	return rd, nil
}

// Header returns the bundle's header. Counts and SHA256 are set once Next has returned io.EOF.
func (r *Reader) Header() Header {
	h := r.h
	h.Counts = maps.Clone(r.h.Counts)
	return h
}

// Encrypted reports whether the bundle was in the encrypted form.
func (r *Reader) Encrypted() bool { return r.encrypted }

// Next returns the next record. After the last one it verifies the trailer (the counts and the
// checksum), the seal, and the integrity checks of gzip and age, and returns io.EOF; any failure is a
// refusal. Records already returned must not be applied before io.EOF.
func (r *Reader) Next() (Record, error) {
	if r.err != nil {
		return Record{}, r.err
	}
	rec, err := r.next()
	switch {
	case err == io.EOF: // verified
		r.err = err
		return Record{}, err
	case err != nil:
		r.err = r.refusal(err)
		return Record{}, r.err
	}
	return rec, nil
}

// open takes the file up to the first record.
func (r *Reader) open(opt ReadOptions) error {
	outer := bufio.NewReaderSize(r.src, 64<<10)
	head, _ := outer.Peek(len(ageMagic) + len(ageScrypt)) // shorter only if the file is
	switch {
	case len(head) == 0:
		return data.Errorf(data.ECorrupt, KeyEmpty)
	case bytes.HasPrefix(head, []byte(magicPrefix)):
		r.body = outer
	case bytes.HasPrefix(head, []byte(ageMagic+ageScrypt)):
		if err := r.decrypt(outer, opt); err != nil {
			return err
		}
	case bytes.HasPrefix([]byte(magicPrefix), head), bytes.HasPrefix([]byte(ageMagic+ageScrypt), head):
		return io.ErrUnexpectedEOF
	case bytes.HasPrefix(head, []byte(ageMagic)):
		return data.Errorf(data.ENotOurs, KeyNotPassphrase)
	case bytes.HasPrefix(head, []byte(sqliteMagic)):
		return data.Errorf(data.ENotOurs, KeyDatabase)
	default:
		return data.Errorf(data.ENotOurs, KeyNotBundle)
	}
	r.sealed = &sealReader{br: r.body, sum: sha256.New()}

	version, err := r.readMagic()
	if err != nil {
		return err
	}
	// The header is a gzip member of its own, checked (CRC-32 and length) before it is believed: a
	// damaged byte must not make it claim a newer schema or another sender.
	if err := r.member(); err != nil {
		return err
	}
	b, err := r.lines.next(maxHeader)
	if err != nil {
		return err
	}
	if err := json.Unmarshal(b, &r.h); err != nil {
		return fmt.Errorf("header: %w", err)
	}
	if err := r.lines.end(); err != nil {
		return fmt.Errorf("after the header: %w", err)
	}
	switch {
	case r.h.Format != Format:
		return fmt.Errorf("header: format %q", r.h.Format)
	case r.h.Version != version:
		return fmt.Errorf("header: version %d after magic %d", r.h.Version, version)
	}
	if err := r.h.check(); err != nil {
		return err
	}
	if r.h.Schema > opt.MaxSchema {
		return data.Errorf(data.ENewer, KeyNewerSchema, "version", r.h.Schema, "known", opt.MaxSchema)
	}
	return r.member()
}

// decrypt opens the encrypted form and leaves its plain form in r.body.
func (r *Reader) decrypt(outer io.Reader, opt ReadOptions) error {
	if opt.Passphrase == "" {
		return data.Errorf(data.EPassphrase, KeyPassphraseRequired)
	}
	id, err := age.NewScryptIdentity(opt.Passphrase)
	if err != nil {
		return internal(err)
	}
	id.SetMaxWorkFactor(cmp.Or(opt.maxWorkFactor, maxWorkFactor))
	plain, err := age.Decrypt(outer, id)
	if errors.Is(err, age.ErrIncorrectIdentity) {
		return data.Errorf(data.EPassphrase, KeyPassphraseWrong)
	}
	if err != nil {
		return err
	}
	r.encrypted = true
	r.body = bufio.NewReaderSize(plain, 64<<10)
	head, err := r.body.Peek(len(magicPrefix))
	switch {
	case bytes.Equal(head, []byte(magicPrefix)):
		return nil
	case err != nil && err != io.EOF:
		return err // age refused a chunk
	}
	// Encrypted with a passphrase, but by someone else for something else.
	return data.Errorf(data.ENotOurs, KeyNotBundle)
}

// readMagic reads the magic line and returns its format version, refusing one newer than Version.
func (r *Reader) readMagic() (int, error) {
	const most = len(magicPrefix) + 10 // "TAVOLI-BUNDLE " and up to nine digits
	b, err := r.body.Peek(most)
	i := bytes.IndexByte(b, '\n')
	if i < 0 {
		if err != nil && len(b) < most {
			return 0, err
		}
		return 0, errors.New("magic line without an end")
	}
	digits := string(b[len(magicPrefix):i])
	v, perr := strconv.Atoi(digits)
	if perr != nil || v < 1 || digits != strconv.Itoa(v) {
		return 0, fmt.Errorf("magic line %q", b[:i])
	}
	if v > Version {
		return 0, data.Errorf(data.ENewer, KeyNewerFormat, "version", v, "known", Version)
	}
	_, err = io.CopyN(io.Discard, r.sealed, int64(i+1))
	return v, err
}

// member starts reading the next gzip member of the body, whose header must be gzipHeader.
func (r *Reader) member() error {
	if b, err := r.body.Peek(len(gzipHeader)); !bytes.Equal(b, gzipHeader) {
		if err != nil {
			return err
		}
		return fmt.Errorf("gzip header % x", b)
	}
	if r.gz == nil {
		r.gz = new(gzip.Reader)
	}
	// sealed is an io.ByteReader: gzip reads exactly its member from it, and what follows stays.
	if err := r.gz.Reset(r.sealed); err != nil {
		return err
	}
	r.gz.Multistream(false)
	if r.lines == nil {
		r.lines = newLineReader(inflated{r})
	} else {
		r.lines.br.Reset(inflated{r})
	}
	return nil
}

// charge adds n to what the content has cost and refuses the bundle once that is more than the bytes
// read so far can hold.
func (r *Reader) charge(n int) error {
	r.spent += int64(n)
	if r.spent > contentSlack+maxRatio*r.sealed.n {
		return data.Errorf(data.ECorrupt, KeyOversized).Wrap(
			fmt.Errorf("%d bytes of content from %d bytes of file", r.spent, r.sealed.n))
	}
	return nil
}

// inflated is the content of the member being read, charged as it comes out of gzip: the refusal
// comes before a line of it is held.
type inflated struct{ r *Reader }

func (f inflated) Read(p []byte) (int, error) {
	n, err := f.r.gz.Read(p)
	if cerr := f.r.charge(n); cerr != nil {
		return n, cerr
	}
	return n, err
}

// next reads one line: a record, or the trailer and the end.
func (r *Reader) next() (Record, error) {
	b, err := r.lines.next(maxLine)
	if err == io.EOF {
		return Record{}, fmt.Errorf("no trailer: %w", io.ErrUnexpectedEOF)
	}
	if err != nil {
		return Record{}, err
	}
	var l line
	if err := json.Unmarshal(b, &l); err != nil {
		return Record{}, err
	}
	if l.End {
		return Record{}, r.finish(l)
	}
	if err := r.charge(recordCost); err != nil {
		return Record{}, err
	}
	r.sum.Write(b)
	rec := Record{Kind: l.Kind, ID: l.ID, Row: make(map[string]any, len(l.Row))}
	if err := rec.check(); err != nil {
		return Record{}, err
	}
	if l.Counts != nil || l.SHA256 != "" {
		return Record{}, errors.New("a record with trailer fields")
	}
	for col, raw := range l.Row {
		v, err := decodeValue(raw)
		if err != nil {
			return Record{}, fmt.Errorf("record %s/%s, column %s: %w", rec.Kind, rec.ID, col, err)
		}
		rec.Row[col] = v
	}
	r.counts[rec.Kind]++
	return rec, nil
}

// finish verifies the trailer, the seal and that the file ends right after it, and returns io.EOF.
func (r *Reader) finish(t line) error {
	sum := hex.EncodeToString(r.sum.Sum(nil))
	switch {
	case t.Kind != "" || t.ID != "" || t.Row != nil:
		return errors.New("a trailer with record fields")
	case t.SHA256 != sum:
		return fmt.Errorf("checksum %s, trailer says %s", sum, t.SHA256)
	case !maps.Equal(t.Counts, r.counts):
		return fmt.Errorf("counts %v, trailer says %v", r.counts, t.Counts)
	}
	// The member must end with the trailer; its reader checks the CRC and the length as it ends.
	if err := r.lines.end(); err != nil {
		return fmt.Errorf("after the trailer: %w", err)
	}
	want := sealPrefix + hex.EncodeToString(r.sealed.Sum()) + "\n"
	got := make([]byte, len(want))
	if _, err := io.ReadFull(r.body, got); err != nil {
		return fmt.Errorf("seal: %w", err)
	}
	if string(got) != want {
		return fmt.Errorf("seal %q, want %q", got, want)
	}
	// Nothing may follow; age's reader checks its last chunk as it reaches the end.
	if err := atEOF(r.body); err != nil {
		return fmt.Errorf("after the seal: %w", err)
	}
	r.h.Counts, r.h.SHA256 = r.counts, sum
	return io.EOF
}

// refusal turns a failure into the refusal it stands for: a failure of the source as a read error, a
// coded error as it is, an early end as truncation, anything else as alteration.
func (r *Reader) refusal(err error) error {
	switch {
	case r.src.err != nil:
		return data.Errorf(data.EInternal, KeyRead).Wrap(r.src.err)
	case data.AsError(err) != nil:
		return err
	case errors.Is(err, io.ErrUnexpectedEOF), errors.Is(err, io.EOF):
		return truncated(err)
	}
	return altered(err)
}

// atEOF reports an error unless br has nothing more to give.
func atEOF(br io.ByteReader) error {
	_, err := br.ReadByte()
	switch err {
	case io.EOF:
		return nil
	case nil:
		return errors.New("unexpected data")
	}
	return err
}

// source remembers the first error of the file itself, other than its end, so that a failing disk
// is not taken for a damaged bundle.
type source struct {
	r   io.Reader
	err error
}

func (s *source) Read(p []byte) (int, error) {
	n, err := s.r.Read(p)
	if err != nil && err != io.EOF && s.err == nil {
		s.err = err
	}
	return n, err
}

// sealReader passes on the bytes of the plain form and hashes exactly those it passed on. gzip reads
// mostly a byte at a time: those are hashed in batches.
type sealReader struct {
	br      *bufio.Reader
	sum     hash.Hash
	pending [4096]byte
	np      int   // bytes in pending
	n       int64 // bytes passed on: what the content's cost is measured against
}

func (s *sealReader) Read(p []byte) (int, error) {
	s.flush()
	n, err := s.br.Read(p)
	s.sum.Write(p[:n])
	s.n += int64(n)
	return n, err
}

func (s *sealReader) ReadByte() (byte, error) {
	c, err := s.br.ReadByte()
	if err == nil {
		if s.np == len(s.pending) {
			s.flush()
		}
		s.pending[s.np] = c
		s.np++
		s.n++
	}
	return c, err
}

func (s *sealReader) flush() {
	s.sum.Write(s.pending[:s.np])
	s.np = 0
}

// Sum returns the SHA-256 of every byte passed on so far.
func (s *sealReader) Sum() []byte {
	s.flush()
	return s.sum.Sum(nil)
}

// lineReader splits a member's content into lines.
type lineReader struct {
	br  *bufio.Reader
	buf []byte
}

func newLineReader(r io.Reader) *lineReader {
	return &lineReader{br: bufio.NewReaderSize(r, 64<<10)}
}

// next returns the next line with its "\n", of at most most bytes, valid until the next call; io.EOF
// at the end, and io.ErrUnexpectedEOF for a last line without its "\n".
func (l *lineReader) next(most int) ([]byte, error) {
	if cap(l.buf) > 1<<20 {
		l.buf = nil // do not keep a large record's memory for the rest of the bundle
	}
	l.buf = l.buf[:0]
	for {
		chunk, err := l.br.ReadSlice('\n')
		if len(l.buf)+len(chunk) > most {
			return nil, fmt.Errorf("a line longer than %d bytes", most)
		}
		switch {
		case err == bufio.ErrBufferFull:
			l.buf = append(l.buf, chunk...)
			continue
		case err == io.EOF && len(l.buf)+len(chunk) == 0:
			return nil, io.EOF
		case err == io.EOF:
			return nil, io.ErrUnexpectedEOF
		case err != nil:
			return nil, err
		case len(l.buf) == 0:
			return chunk, nil
		}
		l.buf = append(l.buf, chunk...)
		return l.buf, nil
	}
}

// end reports an error unless the content ends here.
func (l *lineReader) end() error { return atEOF(l.br) }
