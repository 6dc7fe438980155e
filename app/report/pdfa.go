package report

import (
	"bytes"
	"crypto/md5"
	"encoding/hex"
	"encoding/xml"
	"fmt"
	"regexp"
	"sort"
	"strconv"
	"strings"
	"time"
	"unicode/utf16"
)

// Every document is PDF/A-2b (ISO 19005-2, level B), the format the Italian PA's rules (AgID) want
// for what it keeps and publishes. gofpdf writes the pages and the embedded fonts; what it cannot
// write is added here to its bytes: the header's binary comment, XMP metadata agreeing with the
// information dictionary, the sRGB output intent, the language and the trailer's /ID. gofpdf lays a
// file out simply (one xref section, objects at the offsets it lists), so the file is rebuilt object
// by object and the xref written anew; anything else is refused rather than guessed at.

// pdfVersion is the version the header declares: PDF/A-2 is built on PDF 1.7 (ISO 32000-1).
const pdfVersion = "1.7"

// docLang is the documents' language, for the catalog and the metadata.
const docLang = "it-IT"

// maxInfoLen is the most letters a text of the information dictionary keeps: a title longer than a
// page of text says what it has to in its first thousand letters.
const maxInfoLen = 1000

// fileInfo is what a document says about itself. It is written both into the information dictionary
// and into the XMP metadata, from the same values: PDF/A asks the two to agree.
type fileInfo struct {
	title, author, subject string
	creator, producer      string
	date                   time.Time // created and last modified: a date of the data, never the clock
}

// newFileInfo is fileInfo with each text on one line, with only characters that XML allows, so that
// the metadata can say exactly what the dictionary says, and short enough for a PDF string (PDF/A's
// limit is 32,767 bytes: 16,383 letters in UTF-16); and with a date whose zone offset is whole
// minutes, the most either format can write.
func newFileInfo(title, author, subject, creator, producer string, date time.Time) fileInfo {
	line := func(s string) string {
		s = strings.Map(func(r rune) rune {
			if r == 0xFFFE || r == 0xFFFF {
				return '?'
			}
			return r
		}, clean(s))
		s = strings.Join(strings.Fields(s), " ")
		if r := []rune(s); len(r) > maxInfoLen {
			s = string(r[:maxInfoLen-1]) + "…"
		}
		return s
	}
	if _, off := date.Zone(); off%60 != 0 {
		date = date.UTC()
	}
	return fileInfo{title: line(title), author: line(author), subject: line(subject),
		creator: line(creator), producer: line(producer), date: date}
}

// archival makes gofpdf's output a PDF/A-2b file.
func archival(raw []byte, info fileInfo) ([]byte, error) {
	f, err := readLayout(raw)
	if err != nil {
		return nil, fmt.Errorf("pdf/a: %w", err)
	}
	var out bytes.Buffer
	out.Grow(len(raw) + 8<<10) // what is added: the metadata, the profile, a longer xref
	// The binary comment tells transfer programs that the file is binary.
	out.WriteString("%PDF-" + pdfVersion + "\n%\xe2\xe3\xcf\xd3\n")
	meta, profile := f.size, f.size+1
	offsets := make([]int, f.size+2)
	for _, o := range f.objects {
		offsets[o.num] = out.Len()
		body := raw[o.start:o.end]
		switch o.num {
		case f.info:
			// gofpdf's dictionary has dates without a zone; ours says what the metadata says.
			fmt.Fprintf(&out, "%d 0 obj\n%s\nendobj\n", o.num, infoDict(info))
		case f.root:
			cat, err := catalog(body, meta, profile)
			if err != nil {
				return nil, fmt.Errorf("pdf/a: %w", err)
			}
			out.Write(cat)
		default:
			out.Write(body)
		}
	}
	// Metadata is stored uncompressed, as PDF/A requires, so that any tool can read it.
	xmp := xmpPacket(info)
	offsets[meta] = out.Len()
	fmt.Fprintf(&out, "%d 0 obj\n<< /Type /Metadata /Subtype /XML /Length %d >>\nstream\n%s\nendstream\nendobj\n", meta, len(xmp), xmp)
	icc := srgbProfile()
	offsets[profile] = out.Len()
	fmt.Fprintf(&out, "%d 0 obj\n<< /N 3 /Length %d >>\nstream\n%s\nendstream\nendobj\n", profile, len(icc), icc)

	xref := out.Len()
	fmt.Fprintf(&out, "xref\n0 %d\n0000000000 65535 f \n", len(offsets))
	for _, at := range offsets[1:] {
		fmt.Fprintf(&out, "%010d 00000 n \n", at)
	}
	// The file's identifier is a digest of its content, so the same document always has the same
	// one; it is written twice, as a file not yet revised has.
	sum := md5.Sum(out.Bytes())
	id := hex.EncodeToString(sum[:])
	fmt.Fprintf(&out, "trailer\n<<\n/Size %d\n/Root %d 0 R\n/Info %d 0 R\n/ID [<%s> <%s>]\n>>\nstartxref\n%d\n%%%%EOF\n",
		len(offsets), f.root, f.info, id, id, xref)
	return out.Bytes(), nil
}

// layout is where a gofpdf file keeps its objects.
type layout struct {
	objects    []object // in the order of the file
	size       int      // the trailer's /Size: the next free object number
	root, info int
}

// object is an object's number and the bytes it spans, up to the next object or the xref.
type object struct{ num, start, end int }

var (
	reHeader    = regexp.MustCompile(`^%PDF-1\.\d\n$`)
	reStartXref = regexp.MustCompile(`startxref\s+(\d+)\s+%%EOF\s*$`)
	reSection   = regexp.MustCompile(`^xref\n0 (\d+)\n`)
	reRoot      = regexp.MustCompile(`/Root (\d+) 0 R`)
	reInfo      = regexp.MustCompile(`/Info (\d+) 0 R`)
)

// readLayout reads the xref table and trailer gofpdf writes, checking that every offset points at the
// object it names.
func readLayout(raw []byte) (layout, error) {
	var f layout
	m := reStartXref.FindSubmatch(raw[max(0, len(raw)-64):])
	if m == nil {
		return f, fmt.Errorf("no startxref")
	}
	xref, err := strconv.Atoi(string(m[1]))
	if err != nil || xref >= len(raw) {
		return f, fmt.Errorf("startxref %s out of the file", m[1])
	}
	m = reSection.FindSubmatch(raw[xref:])
	if m == nil {
		return f, fmt.Errorf("not one xref section at %d", xref)
	}
	f.size, _ = strconv.Atoi(string(m[1]))
	const entryLen = 20 // "0000012345 00000 n \n"
	at := xref + len(m[0])
	if f.size < 1 || at+f.size*entryLen > len(raw) {
		return f, fmt.Errorf("xref of %d entries out of the file", f.size)
	}
	for n := 1; n < f.size; n++ {
		e := raw[at+n*entryLen : at+(n+1)*entryLen]
		off, err := strconv.Atoi(string(e[:10]))
		if err != nil || string(e[10:]) != " 00000 n \n" {
			return f, fmt.Errorf("xref entry %d: %q", n, e)
		}
		if off >= xref || !bytes.HasPrefix(raw[off:], fmt.Appendf(nil, "%d 0 obj\n", n)) {
			return f, fmt.Errorf("xref entry %d: no object %d at %d", n, n, off)
		}
		f.objects = append(f.objects, object{num: n, start: off})
	}
	trailer := raw[at+f.size*entryLen:]
	if !bytes.HasPrefix(trailer, []byte("trailer")) || bytes.Contains(trailer, []byte("/Encrypt")) {
		return f, fmt.Errorf("no plain trailer after the xref")
	}
	root, info := reRoot.FindSubmatch(trailer), reInfo.FindSubmatch(trailer)
	if root == nil || info == nil {
		return f, fmt.Errorf("the trailer names no catalog or no information dictionary")
	}
	f.root, _ = strconv.Atoi(string(root[1]))
	f.info, _ = strconv.Atoi(string(info[1]))
	if f.root < 1 || f.root >= f.size || f.info < 1 || f.info >= f.size || f.root == f.info {
		return f, fmt.Errorf("catalog %d or information %d not in the xref", f.root, f.info)
	}
	sort.Slice(f.objects, func(i, j int) bool { return f.objects[i].start < f.objects[j].start })
	// Nothing but the header line comes before the first object: it is all the rewrite drops.
	if len(f.objects) == 0 || !reHeader.Match(raw[:f.objects[0].start]) {
		return f, fmt.Errorf("no header line or no objects")
	}
	for i := range f.objects {
		f.objects[i].end = xref
		if i+1 < len(f.objects) {
			f.objects[i].end = f.objects[i+1].start
		}
		if f.objects[i].start == f.objects[i].end {
			return f, fmt.Errorf("two objects at %d", f.objects[i].start)
		}
	}
	return f, nil
}

// catalog adds to gofpdf's catalog the metadata, the output intent and the language.
func catalog(body []byte, meta, profile int) ([]byte, error) {
	end := bytes.LastIndex(body, []byte(">>\nendobj"))
	if end < 0 || !bytes.Contains(body, []byte("/Type /Catalog")) {
		return nil, fmt.Errorf("the catalog is not a dictionary")
	}
	for _, key := range []string{"/Metadata", "/OutputIntents", "/Lang"} {
		if bytes.Contains(body, []byte(key)) {
			return nil, fmt.Errorf("the catalog already has %s", key)
		}
	}
	add := fmt.Sprintf("/Metadata %d 0 R\n/OutputIntents [<< /Type /OutputIntent /S /GTS_PDFA1 "+
		"/OutputConditionIdentifier %s /Info %s /RegistryName (http://www.color.org) /DestOutputProfile %d 0 R >>]\n"+
		"/Lang %s\n", meta, textString(srgbName), textString(srgbName), profile, textString(docLang))
	return append(append(append([]byte{}, body[:end]...), add...), body[end:]...), nil
}

// infoDict is the document information dictionary.
func infoDict(info fileInfo) string {
	var b strings.Builder
	b.WriteString("<<\n")
	for _, kv := range [][2]string{{"Title", info.title}, {"Author", info.author}, {"Subject", info.subject},
		{"Creator", info.creator}, {"Producer", info.producer}} {
		if kv[1] != "" {
			fmt.Fprintf(&b, "/%s %s\n", kv[0], textString(kv[1]))
		}
	}
	d := pdfDate(info.date)
	fmt.Fprintf(&b, "/CreationDate (%s)\n/ModDate (%s)\n>>", d, d)
	return b.String()
}

// textString is s as a PDF text string: literal when it is printable ASCII, otherwise UTF-16BE
// after a byte order mark, in hex (nothing to escape, and the same bytes for the same text).
func textString(s string) string {
	ascii := true
	for _, r := range s {
		ascii = ascii && r >= 0x20 && r < 0x7f
	}
	if ascii {
		return "(" + strings.NewReplacer(`\`, `\\`, `(`, `\(`, `)`, `\)`).Replace(s) + ")"
	}
	var b strings.Builder
	b.WriteString("<FEFF")
	for _, u := range utf16.Encode([]rune(s)) {
		fmt.Fprintf(&b, "%04X", u)
	}
	b.WriteString(">")
	return b.String()
}

// pdfDate is a date as the information dictionary writes it, with its offset from UTC:
// D:20270312150000+01'00'.
func pdfDate(t time.Time) string {
	_, off := t.Zone()
	if off == 0 {
		return t.Format("D:20060102150405Z")
	}
	sign := '+'
	if off < 0 {
		sign, off = '-', -off
	}
	return fmt.Sprintf("%s%c%02d'%02d'", t.Format("D:20060102150405"), sign, off/3600, off/60%60)
}

// xmpDate is the same date as XMP writes it: 2027-03-12T15:00:00+01:00.
func xmpDate(t time.Time) string {
	return t.Format("2006-01-02T15:04:05Z07:00")
}

// xmpPacket is the XMP metadata: Dublin Core, the basic and PDF schemas with the information
// dictionary's values, and the PDF/A identification. PDF/A-2 predefines every one of these schemas,
// so no extension schema is needed.
func xmpPacket(info fileInfo) []byte {
	esc := func(s string) string {
		var b strings.Builder
		_ = xml.EscapeText(&b, []byte(s)) // a strings.Builder does not fail
		return b.String()
	}
	var b strings.Builder
	// The packet header has neither the bytes nor the encoding attribute, which PDF/A forbids.
	b.WriteString("<?xpacket begin=\"\ufeff\" id=\"W5M0MpCehiHzreSzNTczkc9d\"?>\n" +
		"<x:xmpmeta xmlns:x=\"adobe:ns:meta/\">\n" +
		"<rdf:RDF xmlns:rdf=\"http://www.w3.org/1999/02/22-rdf-syntax-ns#\">\n" +
		"<rdf:Description rdf:about=\"\"\n" +
		" xmlns:dc=\"http://purl.org/dc/elements/1.1/\"\n" +
		" xmlns:xmp=\"http://ns.adobe.com/xap/1.0/\"\n" +
		" xmlns:pdf=\"http://ns.adobe.com/pdf/1.3/\"\n" +
		" xmlns:pdfaid=\"http://www.aiim.org/pdfa/ns/id/\">\n" +
		"<dc:format>application/pdf</dc:format>\n")
	if info.title != "" {
		fmt.Fprintf(&b, "<dc:title><rdf:Alt><rdf:li xml:lang=\"x-default\">%s</rdf:li></rdf:Alt></dc:title>\n", esc(info.title))
	}
	if info.author != "" {
		fmt.Fprintf(&b, "<dc:creator><rdf:Seq><rdf:li>%s</rdf:li></rdf:Seq></dc:creator>\n", esc(info.author))
	}
	if info.subject != "" {
		fmt.Fprintf(&b, "<dc:description><rdf:Alt><rdf:li xml:lang=\"x-default\">%s</rdf:li></rdf:Alt></dc:description>\n", esc(info.subject))
	}
	fmt.Fprintf(&b, "<dc:language><rdf:Bag><rdf:li>%s</rdf:li></rdf:Bag></dc:language>\n", docLang)
	d := xmpDate(info.date)
	fmt.Fprintf(&b, "<xmp:CreateDate>%s</xmp:CreateDate>\n<xmp:ModifyDate>%s</xmp:ModifyDate>\n<xmp:MetadataDate>%s</xmp:MetadataDate>\n", d, d, d)
	if info.creator != "" {
		fmt.Fprintf(&b, "<xmp:CreatorTool>%s</xmp:CreatorTool>\n", esc(info.creator))
	}
	if info.producer != "" {
		fmt.Fprintf(&b, "<pdf:Producer>%s</pdf:Producer>\n", esc(info.producer))
	}
	b.WriteString("<pdfaid:part>2</pdfaid:part>\n<pdfaid:conformance>B</pdfaid:conformance>\n" +
		"</rdf:Description>\n</rdf:RDF>\n</x:xmpmeta>\n<?xpacket end=\"w\"?>")
	return []byte(b.String())
}
