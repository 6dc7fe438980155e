package report

import (
	"bytes"
	"compress/zlib"
	"encoding/base64"
	"encoding/binary"
	"encoding/hex"
	"encoding/json"
	"encoding/xml"
	"fmt"
	"go/ast"
	"go/parser"
	"go/token"
	"io"
	"math"
	"path/filepath"
	"regexp"
	"slices"
	"strconv"
	"strings"
	"testing"
	"time"

	"github.com/jung-kurt/gofpdf"
	xfont "golang.org/x/image/font"
	"golang.org/x/image/font/sfnt"
	"golang.org/x/image/math/fixed"

	"github.com/tavoli/tavoli/data"
)

// archivalDocuments are every kind of document the package makes, each with the function that makes
// it: the test below fails when a function starts a document that no entry here covers.
var archivalDocuments = []struct {
	name, maker string
	make        func() ([]byte, error)
}{
	{"convocazione", "Convocazione", func() ([]byte, error) { return Convocazione(anziani()) }},
	{"convocazione-sindaci", "Convocazione", func() ([]byte, error) { return Convocazione(sindaciDossier()) }},
	{"presenze", "Presenze", func() ([]byte, error) { return Presenze(anziani()) }},
	{"verbale-bozza", "Verbale", func() ([]byte, error) { return Verbale(anziani()) }},
	{"verbale-approvato", "Verbale", func() ([]byte, error) {
		d := anziani()
		d.Session.Status = data.SessionApprovata
		in := data.Session{Meta: data.Meta{ID: "sess-approva"}, BodyID: d.Session.BodyID,
			Status: data.SessionInCorso, Date: rome(2027, time.April, 9, 15, 0)}
		d.Session.ApprovedInID, d.ApprovedIn = in.ID, &in
		return Verbale(d)
	}},
	{"risultati", "Results", func() ([]byte, error) { return Results(withPriorityVote("Custodi sociali"), "v2") }},
	{"esito", "Esito", func() ([]byte, error) { return Esito(answer()) }},
	{"sintesi", "Sintesi", func() ([]byte, error) { return Sintesi(synthesis()) }},
	{"sintesi-area", "Sintesi", func() ([]byte, error) {
		s := synthesis()
		s.AreaID = "area-disabilita"
		return Sintesi(s)
	}},
	{"relazione", "Relazione", func() ([]byte, error) { return Relazione(relazioneFixture()) }},
	{"persona", "Persona", func() ([]byte, error) { return Persona(personRecord()) }},
	// The copies for publication, which Verbale and Sintesi make through the same functions.
	{"verbale-pubblicazione", "verbaleCopy", func() ([]byte, error) { return VerbalePublication(anziani()) }},
	{"sintesi-pubblicazione", "sintesiCopy", func() ([]byte, error) { return SintesiPublication(synthesis()) }},
	// Letters the fonts lack, and a vowel typed with a combining accent.
	{"convocazione-lettere", "Convocazione", func() ([]byte, error) {
		d := anziani()
		d.Body.Name = "Tavolo di Nicolo\u0300 漢字 ✓ ☺"
		d.Agenda = append(slices.Clone(d.Agenda), data.AgendaItem{Meta: data.Meta{ID: "lettere"}, Position: 99,
			Title: "Emoji 🎉, cinese 中文, spunta ✓"})
		return Convocazione(d)
	}},
}

// TestEveryDocumentIsPDFA checks each clause of PDF/A-2b that a validator would, structurally, on every
// kind of document: qpdf reads the objects, independently of the code that wrote them.
func TestEveryDocumentIsPDFA(t *testing.T) {
	listed := map[string]bool{}
	for _, doc := range archivalDocuments {
		listed[doc.maker] = true
	}
	makers := documentMakers(t)
	if len(makers) < 8 {
		t.Fatalf("found only %v starting a document: is the source still read?", makers)
	}
	for _, m := range makers {
		if !listed[m] {
			t.Errorf("%s makes a document that no PDF/A check covers", m)
		}
	}
	for _, doc := range archivalDocuments {
		t.Run(doc.name, func(t *testing.T) {
			a, err := doc.make()
			if err != nil {
				t.Fatalf("%s: %v", doc.maker, err)
			}
			b, err := doc.make()
			if err != nil || !bytes.Equal(a, b) {
				t.Errorf("%s differs between two renderings (%v)", doc.name, err)
			}
			checkPDFA(t, writePDF(t, doc.name+".pdf", a), a)
		})
	}
}

// documentMakers are the package's functions that start a document, read from its source.
func documentMakers(t *testing.T) []string {
	t.Helper()
	files, err := filepath.Glob("*.go")
	if err != nil {
		t.Fatal(err)
	}
	var out []string
	fset := token.NewFileSet()
	for _, name := range files {
		if strings.HasSuffix(name, "_test.go") {
			continue
		}
		f, err := parser.ParseFile(fset, name, nil, 0)
		if err != nil {
			t.Fatal(err)
		}
		for _, decl := range f.Decls {
			fn, ok := decl.(*ast.FuncDecl)
			if !ok || fn.Body == nil || fn.Name.Name == "newDocument" {
				continue
			}
			ast.Inspect(fn.Body, func(n ast.Node) bool {
				if call, ok := n.(*ast.CallExpr); ok {
					if id, ok := call.Fun.(*ast.Ident); ok && (id.Name == "startDocument" || id.Name == "newDocument") {
						out = append(out, fn.Name.Name)
						return false
					}
				}
				return true
			})
		}
	}
	slices.Sort(out)
	return slices.Compact(out)
}

// checkPDFA checks a document's PDF/A-2b clauses: the header, exact xref offsets, the catalog's
// metadata, output intent and language, the metadata agreeing with the information dictionary, the
// trailer's /ID, no encryption, JavaScript or LZW, embedded fonts, and what qpdf and pdffonts check.
func checkPDFA(t *testing.T, path string, b []byte) {
	t.Helper()
	name := filepath.Base(path)
	if lines := bytes.SplitN(b, []byte("\n"), 3); len(lines) < 3 || string(lines[0]) != "%PDF-1.7" ||
		len(lines[1]) < 5 || lines[1][0] != '%' || slices.ContainsFunc(lines[1][1:], func(c byte) bool { return c <= 127 }) {
		t.Errorf("%s: the header is not %%PDF-1.7 and a binary comment: %q", name, b[:min(len(b), 24)])
	}
	checkXrefOffsets(t, name, b)
	checkPDF(t, path)

	f := readQPDF(t, path)
	if f.version != "1.7" {
		t.Errorf("%s: qpdf reads version %s, want 1.7", name, f.version)
	}
	trailer := f.dict(t, "trailer")
	if _, ok := trailer["/Encrypt"]; ok {
		t.Errorf("%s is encrypted", name)
	}
	ids, _ := trailer["/ID"].([]any)
	if len(ids) != 2 {
		t.Errorf("%s: trailer /ID = %v, want two strings", name, trailer["/ID"])
	}
	for _, id := range ids {
		s, _ := id.(string)
		if raw, err := hex.DecodeString(strings.TrimPrefix(s, "b:")); err != nil || len(raw) != 16 {
			t.Errorf("%s: trailer /ID has %q, want 16 bytes", name, s)
		}
	}

	cat := f.dict(t, ref(trailer["/Root"]))
	if cat["/Type"] != "/Catalog" || cat["/Lang"] != "u:it-IT" {
		t.Errorf("%s: catalog /Type %v /Lang %v, want /Catalog and it-IT", name, cat["/Type"], cat["/Lang"])
	}
	metaDict, xmp := f.stream(t, ref(cat["/Metadata"]))
	if metaDict["/Type"] != "/Metadata" || metaDict["/Subtype"] != "/XML" || metaDict["/Filter"] != nil {
		t.Errorf("%s: metadata stream %v, want an uncompressed /Type /Metadata /Subtype /XML", name, metaDict)
	}
	intents, _ := cat["/OutputIntents"].([]any)
	if len(intents) != 1 {
		t.Fatalf("%s: /OutputIntents = %v, want one", name, cat["/OutputIntents"])
	}
	intent, _ := intents[0].(map[string]any)
	if intent["/Type"] != "/OutputIntent" || intent["/S"] != "/GTS_PDFA1" || intent["/OutputConditionIdentifier"] != "u:"+srgbName {
		t.Errorf("%s: output intent %v, want /GTS_PDFA1 for %s", name, intent, srgbName)
	}
	iccDict, icc := f.stream(t, ref(intent["/DestOutputProfile"]))
	if iccDict["/N"] != 3.0 || iccDict["/Filter"] != nil {
		t.Errorf("%s: output profile stream %v, want /N 3", name, iccDict)
	}
	checkICC(t, icc)

	info := f.dict(t, ref(trailer["/Info"]))
	text := func(key string) string {
		s, _ := info[key].(string)
		return strings.TrimPrefix(s, "u:")
	}
	props := xmpProperties(t, xmp)
	if !bytes.HasPrefix(xmp, []byte("<?xpacket begin=\"\ufeff\" id=\"W5M0MpCehiHzreSzNTczkc9d\"?>")) {
		t.Errorf("%s: the XMP packet's header is %.60q", name, xmp)
	}
	for _, c := range []struct{ prop, want string }{
		{"pdfaid:part", "2"}, {"pdfaid:conformance", "B"},
		{"dc:title", text("/Title")}, {"dc:creator", text("/Author")}, {"dc:description", text("/Subject")},
		{"xmp:CreatorTool", text("/Creator")}, {"pdf:Producer", text("/Producer")},
	} {
		if got := props[c.prop]; c.want == "" || len(got) != 1 || got[0] != c.want {
			t.Errorf("%s: XMP %s = %q, want [%q]", name, c.prop, got, c.want)
		}
	}
	for _, c := range []struct{ key, prop string }{{"/CreationDate", "xmp:CreateDate"}, {"/ModDate", "xmp:ModifyDate"}} {
		inInfo := pdfDateValue(t, text(c.key))
		var inXMP time.Time
		if v := props[c.prop]; len(v) == 1 {
			inXMP, _ = time.Parse(time.RFC3339, v[0]) // RFC 3339 requires the zone
		}
		if inXMP.IsZero() || !inXMP.Equal(inInfo) {
			t.Errorf("%s: XMP %s = %v, information %s = %s: not the same instant", name, c.prop, props[c.prop], c.key, text(c.key))
		}
	}

	fonts, glyphs := 0, 0
	for id, o := range f.objects {
		d := o.Value
		if o.Stream != nil {
			d = o.Stream.Dict
			if filter := o.Stream.Dict["/Filter"]; filter != nil && filter != "/FlateDecode" {
				t.Errorf("%s: %s has filter %v", name, id, filter)
			}
		}
		dict, _ := d.(map[string]any)
		for _, key := range []string{"/JavaScript", "/JS", "/AA", "/Encrypt", "/EF"} {
			if _, ok := dict[key]; ok {
				t.Errorf("%s: %s has %s", name, id, key)
			}
		}
		if s := dict["/S"]; s == "/JavaScript" || s == "/Launch" || dict["/Type"] == "/EmbeddedFile" {
			t.Errorf("%s: %s is a %v%v", name, id, s, dict["/Type"])
		}
		if dict["/Type"] == "/Annot" && dict["/F"] != 4.0 {
			t.Errorf("%s: annotation %s without the print flag alone (/F 4)", name, id)
		}
		if dict["/Type"] == "/Font" && dict["/Subtype"] == "/CIDFontType2" {
			fonts++
			desc := f.dict(t, ref(dict["/FontDescriptor"]))
			if dict["/CIDToGIDMap"] == nil || desc["/FontFile2"] == nil {
				t.Errorf("%s: font %v without its CIDToGIDMap or its embedded program", name, dict["/BaseFont"])
				continue
			}
			glyphs += checkFontWidths(t, name, f, dict, desc)
		}
	}
	if shown := checkShownGlyphs(t, name, f); shown == 0 {
		t.Errorf("%s shows no text", name)
	}
	if fonts == 0 || glyphs == 0 {
		t.Errorf("%s has %d embedded TrueType fonts, drawing %d letters", name, fonts, glyphs)
	}
}

// checkXrefOffsets reads the xref table the document ends with: every offset is where its object
// begins, and startxref is where the table begins.
func checkXrefOffsets(t *testing.T, name string, b []byte) {
	t.Helper()
	m := regexp.MustCompile(`startxref\n(\d+)\n%%EOF\n$`).FindSubmatch(b)
	if m == nil {
		t.Fatalf("%s does not end with startxref and %%%%EOF: %q", name, b[max(0, len(b)-40):])
	}
	at, _ := strconv.Atoi(string(m[1]))
	lines := strings.Split(string(b[at:]), "\n")
	var n int
	if lines[0] != "xref" || len(lines) < 3 {
		t.Fatalf("%s: no xref at %d", name, at)
	}
	if _, err := fmt.Sscanf(lines[1], "0 %d", &n); err != nil || len(lines) < n+2 {
		t.Fatalf("%s: xref section %q", name, lines[1])
	}
	if lines[2] != "0000000000 65535 f " {
		t.Errorf("%s: xref entry 0 is %q", name, lines[2])
	}
	for i := 1; i < n; i++ {
		e := lines[2+i]
		off, err := strconv.Atoi(e[:min(10, len(e))])
		if len(e) != 19 || err != nil || !strings.HasSuffix(e, " 00000 n ") || off >= at ||
			!bytes.HasPrefix(b[off:], fmt.Appendf(nil, "%d 0 obj\n", i)) {
			t.Errorf("%s: xref entry %d %q does not point at object %d", name, i, e, i)
		}
	}
	if lines[2+n] != "trailer" {
		t.Errorf("%s: the xref's %d entries are not followed by the trailer", name, n)
	}
}

// qpdfFile is a PDF's objects as qpdf's JSON gives them.
type qpdfFile struct {
	version string
	objects map[string]qpdfObject
}

type qpdfObject struct {
	Value  any `json:"value"`
	Stream *struct {
		Dict map[string]any `json:"dict"`
		Data string         `json:"data"`
	} `json:"stream"`
}

// readQPDF reads every object of a PDF with qpdf, streams as they are stored.
func readQPDF(t *testing.T, path string) qpdfFile {
	t.Helper()
	out := run(t, tool(t, "qpdf", "qpdf"), "--json=2", "--json-key=qpdf", "--json-stream-data=inline",
		"--decode-level=none", path)
	var doc struct {
		QPDF []json.RawMessage `json:"qpdf"`
	}
	if err := json.Unmarshal([]byte(out), &doc); err != nil || len(doc.QPDF) != 2 {
		t.Fatalf("qpdf --json %s: %v", path, err)
	}
	var head struct {
		Version string `json:"pdfversion"`
	}
	f := qpdfFile{}
	if err := json.Unmarshal(doc.QPDF[0], &head); err != nil {
		t.Fatal(err)
	}
	if err := json.Unmarshal(doc.QPDF[1], &f.objects); err != nil {
		t.Fatal(err)
	}
	f.version = head.Version
	return f
}

// ref is the key of the object a reference ("12 0 R") points at.
func ref(v any) string {
	s, _ := v.(string)
	return "obj:" + s
}

// dict is an object that is a dictionary (the trailer is "trailer").
func (f qpdfFile) dict(t *testing.T, key string) map[string]any {
	t.Helper()
	d, ok := f.objects[key].Value.(map[string]any)
	if !ok {
		t.Fatalf("%s is not a dictionary: %v", key, f.objects[key])
	}
	return d
}

// stream is a stream object's dictionary and its bytes as stored.
func (f qpdfFile) stream(t *testing.T, key string) (map[string]any, []byte) {
	t.Helper()
	s := f.objects[key].Stream
	if s == nil {
		t.Fatalf("%s is not a stream", key)
	}
	b, err := base64.StdEncoding.DecodeString(s.Data)
	if err != nil {
		t.Fatalf("%s: %v", key, err)
	}
	return s.Dict, b
}

// decoded is a stream's data, inflated when it is compressed.
func (f qpdfFile) decoded(t *testing.T, key string) []byte {
	t.Helper()
	d, b := f.stream(t, key)
	if d["/Filter"] == "/FlateDecode" {
		r, err := zlib.NewReader(bytes.NewReader(b))
		if err == nil {
			b, err = io.ReadAll(r)
		}
		if err != nil {
			t.Fatalf("%s: %v", key, err)
		}
	}
	return b
}

// pdfDateValue reads a date of the information dictionary, which must say its zone:
// D:20270312150000+01'00' or D:20270312150000Z.
func pdfDateValue(t *testing.T, s string) time.Time {
	t.Helper()
	m := regexp.MustCompile(`^D:(\d{14})(Z|([+-])(\d\d)'(\d\d)')$`).FindStringSubmatch(s)
	if m == nil {
		t.Errorf("date %q has no zone", s)
		return time.Time{}
	}
	off := 0
	if m[2] != "Z" {
		h, _ := strconv.Atoi(m[4])
		min, _ := strconv.Atoi(m[5])
		off = h*3600 + min*60
		if m[3] == "-" {
			off = -off
		}
	}
	d, err := time.ParseInLocation("20060102150405", m[1], time.FixedZone("", off))
	if err != nil {
		t.Error(err)
	}
	return d
}

// xmpProperties reads an XMP packet's properties by prefix and name ("dc:title"), each with its
// values: one for a simple property, the items of a list.
func xmpProperties(t *testing.T, b []byte) map[string][]string {
	t.Helper()
	prefixes := map[string]string{"http://purl.org/dc/elements/1.1/": "dc", "http://ns.adobe.com/xap/1.0/": "xmp",
		"http://ns.adobe.com/pdf/1.3/": "pdf", "http://www.aiim.org/pdfa/ns/id/": "pdfaid"}
	props := map[string][]string{}
	dec := xml.NewDecoder(bytes.NewReader(b))
	prop, depth, at := "", 0, 0
	for {
		tok, err := dec.Token()
		if err == io.EOF {
			break
		}
		if err != nil {
			t.Fatalf("XMP: %v", err)
		}
		switch tk := tok.(type) {
		case xml.StartElement:
			depth++
			if p, ok := prefixes[tk.Name.Space]; ok && prop == "" {
				prop, at = p+":"+tk.Name.Local, depth
			}
		case xml.EndElement:
			if depth == at {
				prop = ""
			}
			depth--
		case xml.CharData:
			if s := strings.TrimSpace(string(tk)); prop != "" && s != "" {
				props[prop] = append(props[prop], s)
			}
		}
	}
	return props
}

// checkICC reads an ICC profile as a colour-managing reader would: the header, the tag table, and
// every tag PDF/A needs of an RGB display profile, each of its type and inside the file.
func checkICC(t *testing.T, b []byte) {
	t.Helper()
	if len(b) < 132 {
		t.Fatalf("ICC profile of %d bytes", len(b))
	}
	u32 := func(at int) int { return int(binary.BigEndian.Uint32(b[at:])) }
	if u32(0) != len(b) || string(b[36:40]) != "acsp" || string(b[12:16]) != "mntr" || string(b[16:20]) != "RGB " ||
		string(b[20:24]) != "XYZ " || b[8] != 2 {
		t.Errorf("ICC header: size %d of %d, %q %q %q %q, version %d", u32(0), len(b), b[36:40], b[12:16], b[16:20], b[20:24], b[8])
	}
	n := u32(128)
	if 132+12*n > len(b) {
		t.Fatalf("ICC tag table of %d tags out of %d bytes", n, len(b))
	}
	types := map[string]string{"desc": "desc", "cprt": "text", "wtpt": "XYZ ", "rXYZ": "XYZ ", "gXYZ": "XYZ ",
		"bXYZ": "XYZ ", "rTRC": "curv", "gTRC": "curv", "bTRC": "curv"}
	tags := map[string][]byte{}
	for i := range n {
		e := b[132+12*i:]
		sig, off, size := string(e[:4]), u32(132+12*i+4), u32(132+12*i+8)
		if off < 132+12*n || off%4 != 0 || off+size > len(b) || size < 12 {
			t.Errorf("ICC tag %s at %d, %d bytes, out of the file's %d", sig, off, size, len(b))
			continue
		}
		tags[sig] = b[off : off+size]
		if want, ok := types[sig]; ok && string(tags[sig][:4]) != want {
			t.Errorf("ICC tag %s is of type %q, want %q", sig, tags[sig][:4], want)
		}
	}
	for sig := range types {
		if tags[sig] == nil {
			t.Errorf("ICC profile without %s", sig)
		}
	}
	if d := tags["desc"]; len(d) < 12 || !bytes.HasPrefix(d[12:], []byte(srgbName+"\x00")) {
		t.Errorf("ICC description %q, want %q", d, srgbName)
	}
	xyz := func(sig string) [3]float64 {
		var v [3]float64
		if d := tags[sig]; len(d) == 20 {
			for i := range v {
				v[i] = float64(int32(binary.BigEndian.Uint32(d[8+4*i:]))) / 65536
			}
		}
		return v
	}
	r, g, bl, w := xyz("rXYZ"), xyz("gXYZ"), xyz("bXYZ"), xyz("wtpt")
	for i, d50 := range []float64{0.9642, 1, 0.8249} {
		if math.Abs(r[i]+g[i]+bl[i]-d50) > 0.001 || math.Abs(w[i]-d50) > 0.0001 {
			t.Errorf("ICC colorants sum to %v, white %v, want D50", r[i]+g[i]+bl[i], w)
		}
	}
	for _, sig := range []string{"rTRC", "gTRC", "bTRC"} {
		c := tags[sig]
		if c == nil {
			continue
		}
		k := int(binary.BigEndian.Uint32(c[8:]))
		if len(c) != 12+2*k || k < 2 {
			t.Errorf("ICC %s of %d bytes for %d points", sig, len(c), k)
			continue
		}
		prev := -1
		for i := range k {
			v := int(binary.BigEndian.Uint16(c[12+2*i:]))
			if v < prev {
				t.Errorf("ICC %s goes down at point %d", sig, i)
				break
			}
			prev = v
		}
		if binary.BigEndian.Uint16(c[12:]) != 0 || prev != 65535 {
			t.Errorf("ICC %s runs from %d to %d, want 0 to 65535", sig, binary.BigEndian.Uint16(c[12:]), prev)
		}
	}
}

// The profile is sRGB's: its colorants are the standard's primaries under its D65 white, adapted to
// D50 with the Bradford transform, and its curve is the standard's (mid-grey 0.5 is 0.214 in light).
func TestSRGBProfile(t *testing.T) {
	b := srgbProfile()
	checkICC(t, b)

	xyY := func(x, y float64) [3]float64 { return [3]float64{x / y, 1, (1 - x - y) / y} }
	prim := [3][3]float64{xyY(0.64, 0.33), xyY(0.30, 0.60), xyY(0.15, 0.06)} // columns: red, green, blue
	d65 := xyY(0.3127, 0.3290)
	// The primaries' weights s solve prim·s = white (Cramer's rule).
	det := func(m [3][3]float64) float64 {
		return m[0][0]*(m[1][1]*m[2][2]-m[2][1]*m[1][2]) - m[1][0]*(m[0][1]*m[2][2]-m[2][1]*m[0][2]) +
			m[2][0]*(m[0][1]*m[1][2]-m[1][1]*m[0][2])
	}
	var s [3]float64
	for i := range s {
		m := prim
		m[i] = d65
		s[i] = det(m) / det(prim)
	}
	bradford := [3][3]float64{{0.8951, 0.2664, -0.1614}, {-0.7502, 1.7135, 0.0367}, {0.0389, -0.0685, 1.0296}}
	mul := func(m [3][3]float64, v [3]float64) [3]float64 {
		return [3]float64{m[0][0]*v[0] + m[0][1]*v[1] + m[0][2]*v[2], m[1][0]*v[0] + m[1][1]*v[1] + m[1][2]*v[2],
			m[2][0]*v[0] + m[2][1]*v[1] + m[2][2]*v[2]}
	}
	// inverse solves bradford·x = v, column by column.
	inverse := func(v [3]float64) [3]float64 {
		var rows [3][3]float64 // bradford as columns for Cramer
		for i := range 3 {
			for j := range 3 {
				rows[j][i] = bradford[i][j]
			}
		}
		var x [3]float64
		for i := range x {
			m := rows
			m[i] = v
			x[i] = det(m) / det(rows)
		}
		return x
	}
	from, to := mul(bradford, d65), mul(bradford, [3]float64{0.96422, 1, 0.82521})
	for i, got := range [][3]float64{iccRed, iccGreen, iccBlue} {
		var c [3]float64
		for k := range c {
			c[k] = prim[i][k] * s[i]
		}
		cone := mul(bradford, c)
		for k := range cone {
			cone[k] *= to[k] / from[k]
		}
		want := inverse(cone)
		for k := range want {
			if math.Abs(got[k]-want[k]) > 0.0001 {
				t.Errorf("colorant %d = %v, want %v", i, got, want)
				break
			}
		}
	}

	curve := iccCurve()
	mid := float64(binary.BigEndian.Uint16(curve[12+2*(iccCurvePoints/2):])) / 65535
	x := float64(iccCurvePoints/2) / (iccCurvePoints - 1)
	if want := math.Pow((x+0.055)/1.055, 2.4); math.Abs(mid-want) > 1.0/65535 || math.Abs(want-0.214) > 0.002 {
		t.Errorf("the curve at %v is %v, want %v", x, mid, want)
	}
}

// A file that is not laid out as gofpdf lays it out is refused, never rewritten by guess.
func TestArchivalRefusesOtherLayouts(t *testing.T) {
	p := gofpdf.New("P", "mm", "A4", "")
	p.AddPage()
	var buf bytes.Buffer
	if err := p.Output(&buf); err != nil {
		t.Fatal(err)
	}
	raw := buf.Bytes()
	info := newFileInfo("Prova", "", "", "Tavoli", "Tavoli", rome(2027, time.March, 12, 15, 0))
	if _, err := archival(raw, info); err != nil {
		t.Fatalf("archival of gofpdf's own file: %v", err)
	}
	first := bytes.Index(raw, []byte(" 65535 f \n")) + len(" 65535 f \n") // object 1's entry
	wrong := slices.Concat(raw[:first], []byte("0000000001"), raw[first+10:])
	for _, c := range []struct {
		name string
		b    []byte
	}{
		{"not a PDF", []byte("Tavoli")},
		{"cut short", raw[:len(raw)/2]},
		{"an entry of 19 bytes", bytes.Replace(raw, []byte(" 00000 n \n"), []byte(" 00000 n\n"), 1)},
		{"a wrong offset", wrong},
		{"encrypted", bytes.Replace(raw, []byte("/Root"), []byte("/Encrypt 1 0 R\n/Root"), 1)},
		{"no catalog", bytes.Replace(raw, []byte("/Root"), []byte("/Rota"), 1)},
		{"two xref sections", bytes.Replace(raw, []byte("xref\n0 "), []byte("xref\n1 "), 1)},
	} {
		if out, err := archival(c.b, info); err == nil {
			t.Errorf("archival of a file %s = %d bytes, want an error", c.name, len(out))
		}
	}
}

// The information dictionary writes text as PDF readers decode it, and dates with their zone.
func TestInfoStrings(t *testing.T) {
	for _, c := range []struct{ in, want string }{
		{"Tavoli", "(Tavoli)"},
		{`a (b) \c`, `(a \(b\) \\c)`},
		{"Città", "<FEFF004300690074007400E0>"},
	} {
		if got := textString(c.in); got != c.want {
			t.Errorf("textString(%q) = %s, want %s", c.in, got, c.want)
		}
	}
	rome := rome(2027, time.March, 12, 15, 0)
	summer := rome.AddDate(0, 4, 0)
	for _, c := range []struct {
		t         time.Time
		pdf, xmpD string
	}{
		{rome, "D:20270312150000+01'00'", "2027-03-12T15:00:00+01:00"},
		{summer, "D:20270712150000+02'00'", "2027-07-12T15:00:00+02:00"},
		{rome.UTC(), "D:20270312140000Z", "2027-03-12T14:00:00Z"},
		{rome.In(time.FixedZone("", -(3*3600 + 30*60))), "D:20270312103000-03'30'", "2027-03-12T10:30:00-03:30"},
	} {
		if got := pdfDate(c.t); got != c.pdf {
			t.Errorf("pdfDate(%v) = %s, want %s", c.t, got, c.pdf)
		}
		if got := xmpDate(c.t); got != c.xmpD {
			t.Errorf("xmpDate(%v) = %s, want %s", c.t, got, c.xmpD)
		}
	}
	long := newFileInfo(strings.Repeat("Tavolo ", 20000), "", "", "", "", rome)
	if n := len([]rune(long.title)); n != maxInfoLen || !strings.HasSuffix(long.title, "…") || len(textString(long.title)) > 32767 {
		t.Errorf("a title of 140,000 letters keeps %d, ending %q", n, long.title[len(long.title)-10:])
	}
	// A zone whose offset has seconds (Rome before 1893) cannot be written: the date goes to UTC.
	old := newFileInfo("t", "", "", "", "", time.Date(1890, 1, 1, 12, 0, 0, 0, data.Zone))
	if _, off := old.date.Zone(); off != 0 || pdfDate(old.date) != "D:18900101111004Z" {
		t.Errorf("a date of 1890 in Rome is written %s", pdfDate(old.date))
	}
}

// A letter that a face lacks would show the .notdef box, which PDF/A forbids: it prints as "?", and a
// letter typed as a vowel and a combining accent prints as the accented letter.
func TestCleanPrintsWhatTheFontsDraw(t *testing.T) {
	for _, c := range []struct{ in, want string }{
		{"Nicolo\u0300 Cine\u0301", "Nicolò Ciné"},
		{"漢字 ✓ ☺ Ω", "?? ? ☺ Ω"}, // ✓ is in DejaVu Sans but not in DejaVu Serif
		{"😀", "?"},
	} {
		if got := clean(c.in); got != c.want {
			t.Errorf("clean(%q) = %q, want %q", c.in, got, c.want)
		}
	}
	for _, r := range "aàèéìíòóùúAÀÈÉÌÒÙzZ0123456789«»–—−…·•×→’‘“”€°§%&@#/()[]ªº" {
		if !printable(r) {
			t.Errorf("%q is not printable in every face", r)
		}
	}
	d := anziani()
	d.Body.Name = "Tavolo di Nicolo\u0300 漢"
	text := pdfText(t, writePDF(t, "glifi.pdf", render(t, Convocazione, d)))
	contains(t, "a body named with letters the fonts lack", text, "Tavolo di Nicolò ?")
}

// checkFontWidths checks a CID font as PDF/A does: each code the font maps to a glyph has, in /W (or
// by default 1000), the width the embedded program gives that glyph, within one unit. It returns how
// many codes the font maps to a glyph: none for a face the document does not use.
func checkFontWidths(t *testing.T, name string, f qpdfFile, font, desc map[string]any) int {
	t.Helper()
	cidToGID := f.decoded(t, ref(font["/CIDToGIDMap"]))
	prog, err := sfnt.Parse(f.decoded(t, ref(desc["/FontFile2"])))
	if err != nil || len(cidToGID) != 2*0x10000 {
		t.Fatalf("%s: font %v: %v, a CIDToGIDMap of %d bytes", name, font["/BaseFont"], err, len(cidToGID))
	}
	widths := map[int]float64{}
	w, _ := font["/W"].([]any)
	num := func(v any) int { n, _ := v.(float64); return int(n) }
	for i := 0; i+1 < len(w); {
		first := num(w[i])
		if list, ok := w[i+1].([]any); ok { // c [w1 w2 …]
			for k, v := range list {
				widths[first+k] = float64(num(v))
			}
			i += 2
			continue
		}
		for c := first; i+2 < len(w) && c <= num(w[i+1]); c++ { // c1 c2 w
			widths[c] = float64(num(w[i+2]))
		}
		i += 3
	}
	upem := prog.UnitsPerEm()
	var buf sfnt.Buffer
	mapped := 0
	for c := range 0x10000 {
		g := sfnt.GlyphIndex(binary.BigEndian.Uint16(cidToGID[2*c:]))
		if g == 0 {
			continue
		}
		mapped++
		adv, err := prog.GlyphAdvance(&buf, g, fixed.Int26_6(upem)<<6, xfont.HintingNone)
		if err != nil {
			t.Errorf("%s: font %v: code %d maps to glyph %d: %v", name, font["/BaseFont"], c, g, err)
			continue
		}
		want := float64(adv) / 64 * 1000 / float64(upem)
		got, ok := widths[c]
		if !ok {
			got = 1000
		}
		if math.Abs(got-want) > 1 {
			t.Errorf("%s: font %v: %q is %v wide in /W, %v in the font", name, font["/BaseFont"], rune(c), got, want)
		}
	}
	return mapped
}

// checkShownGlyphs reads the text each page shows and checks that every letter has a glyph in its
// font: PDF/A forbids showing glyph 0, .notdef, the empty box of a letter the font lacks. It returns
// how many letters it read.
func checkShownGlyphs(t *testing.T, name string, f qpdfFile) int {
	t.Helper()
	shown := 0
	resolve := func(v any) any {
		if s, ok := v.(string); ok && strings.HasSuffix(s, " R") {
			return f.objects[ref(s)].Value
		}
		return v
	}
	maps := map[string][]byte{} // a font's CIDToGIDMap, by the font's object
	glyphs := func(font string) []byte {
		if m, ok := maps[font]; ok {
			return m
		}
		d, _ := f.objects[ref(font)].Value.(map[string]any)
		desc, _ := d["/DescendantFonts"].([]any)
		if d["/Subtype"] != "/Type0" || len(desc) != 1 {
			t.Fatalf("%s: font %s is %v, not one CID font", name, font, d)
		}
		cid, _ := resolve(desc[0]).(map[string]any)
		maps[font] = f.decoded(t, ref(cid["/CIDToGIDMap"]))
		if len(maps[font]) != 2*0x10000 {
			t.Fatalf("%s: font %s has a CIDToGIDMap of %d bytes", name, font, len(maps[font]))
		}
		return maps[font]
	}
	page := 0
	for _, o := range f.objects {
		d, _ := o.Value.(map[string]any)
		if d["/Type"] != "/Page" {
			continue
		}
		page++
		res, _ := resolve(d["/Resources"]).(map[string]any)
		fonts, _ := resolve(res["/Font"]).(map[string]any)
		contents, ok := d["/Contents"].([]any)
		if !ok {
			contents = []any{d["/Contents"]}
		}
		var content []byte
		for _, c := range contents {
			content = append(append(content, f.decoded(t, ref(c))...), '\n')
		}
		font := ""
		contentTokens(content, func(tok string, str []byte) {
			switch {
			case str != nil:
				m := glyphs(font)
				for i := 0; i+1 < len(str); i += 2 {
					code := int(str[i])<<8 | int(str[i+1])
					shown++
					if m[2*code] == 0 && m[2*code+1] == 0 {
						t.Errorf("%s: a page shows %q in font %s, which has no glyph for it (.notdef)", name, rune(code), font)
					}
				}
			case strings.HasPrefix(tok, "/"):
				if r, ok := fonts[tok].(string); ok {
					font = r
				}
			}
		})
	}
	if page == 0 {
		t.Errorf("%s has no page", name)
	}
	return shown
}

// contentTokens splits a content stream into tokens, calling each with a token's text, or with its
// bytes for a string. It reads what gofpdf writes: names, numbers, operators, arrays of strings.
func contentTokens(b []byte, each func(tok string, str []byte)) {
	delim := func(c byte) bool { return strings.IndexByte("()<>[]{}/% \t\r\n\f", c) >= 0 }
	for i := 0; i < len(b); {
		switch c := b[i]; {
		case c == '(':
			var str []byte
			depth := 1
			for i++; i < len(b) && depth > 0; i++ {
				switch b[i] {
				case '\\':
					i++
					if i >= len(b) {
						break
					}
					if v, ok := map[byte]byte{'n': '\n', 'r': '\r', 't': '\t', 'b': '\b', 'f': '\f'}[b[i]]; ok {
						str = append(str, v)
					} else if b[i] >= '0' && b[i] <= '7' {
						v := 0
						for k := 0; k < 3 && i < len(b) && b[i] >= '0' && b[i] <= '7'; k++ {
							v = v*8 + int(b[i]-'0')
							i++
						}
						i--
						str = append(str, byte(v))
					} else {
						str = append(str, b[i])
					}
				case '(':
					depth++
					str = append(str, '(')
				case ')':
					if depth--; depth > 0 {
						str = append(str, ')')
					}
				default:
					str = append(str, b[i])
				}
			}
			each("", str)
		case c == '/' || !delim(c):
			j := i + 1
			for j < len(b) && !delim(b[j]) {
				j++
			}
			each(string(b[i:j]), nil)
			i = j
		default:
			i++
		}
	}
}
