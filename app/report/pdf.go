package report

import (
	"bytes"
	"fmt"
	"strconv"
	"strings"
	"time"
	"unicode"
	"unicode/utf8"

	"github.com/jung-kurt/gofpdf"
	"golang.org/x/text/unicode/norm"

	"github.com/tavoli/tavoli/assets"
	"github.com/tavoli/tavoli/data"
	"github.com/tavoli/tavoli/data/italian"
)

// This file is the only one that knows gofpdf (an archived library we may swap for its fork): the
// documents speak of headings, paragraphs, tables and signatures, and everything about pages,
// fonts and breaks is decided here.

// The page: A4, a wider left margin so that a bound or filed copy loses no text.
const (
	marginLeft   = 28.0
	marginRight  = 18.0
	marginTop    = 12.0
	marginBottom = 24.0 // room for the footer
	footerTop    = 14.0 // the footer's rule, from the bottom edge
)

// style is a font and a size; the documents pick from the few below so they share one look.
type style struct {
	family, face string
	size         float64 // points
	lead         float64 // line height, mm
}

var (
	stBody     = style{"serif", "", 10.5, 5.3}
	stBold     = style{"serif", "B", 10.5, 5.3}
	stItalic   = style{"serif", "I", 10.5, 5.3}
	stNote     = style{"serif", "I", 9, 4.4}
	stTitle    = style{"sans", "B", 15, 7.5}
	stCover    = style{"sans", "B", 26, 12} // a report's cover
	stSubtitle = style{"sans", "", 11, 5.6}
	stHeading  = style{"sans", "B", 11.5, 6}
	stSub      = style{"sans", "B", 10, 5.2}
	stCell     = style{"sans", "", 9, 4.2}
	stCellHead = style{"sans", "B", 8.5, 4}
	stSmall    = style{"sans", "", 7.5, 3.6}
	stAmbito   = style{"sans", "B", 11, 5.2}
	stHeadBody = style{"sans", "B", 9, 4.2}
)

// Colours: near-black for text, a dark blue for headings, greys for what frames the page.
type rgb struct{ r, g, b int }

var (
	colText   = rgb{25, 25, 25}
	colAccent = rgb{24, 52, 96}
	colMuted  = rgb{95, 95, 95}
	colRule   = rgb{150, 150, 150}
	colFill   = rgb{232, 236, 242}
)

// faces are the fonts every document embeds: DejaVu has every Italian letter, and an embedded
// TrueType font prints the same on every reader.
var faces = []struct{ family, face, file string }{
	{"serif", "", "fonts/DejaVuSerif.ttf"},
	{"serif", "B", "fonts/DejaVuSerif-Bold.ttf"},
	{"serif", "I", "fonts/DejaVuSerif-Italic.ttf"},
	{"sans", "", "fonts/DejaVuSansCondensed.ttf"},
	{"sans", "B", "fonts/DejaVuSansCondensed-Bold.ttf"},
}

// docInfo is what a document says about itself: on every page and in the file's properties.
type docInfo struct {
	kind      string // "Verbale": the title, the footer and errors
	landscape bool
	note      string // added to the footer, e.g. that the verbale is approved
	draft     bool   // a draft: "BOZZA" heads the document's title
}

// document is one PDF being written: a page heading and footer on every page, and a cursor that
// the methods below move down the page, breaking pages themselves (gofpdf's automatic break is off,
// so that tables can repeat their header and headings stay with what follows them).
type document struct {
	pdf    *gofpdf.Fpdf
	kind   string  // for errors
	left   float64 // content box, mm
	width  float64
	top    float64 // where content starts under the page heading
	bottom float64 // where content must end
	onPage func()  // drawn after the heading of a new page, e.g. a table's header row
	info   fileInfo
}

// masthead is what every page of a document names: the Ambito on the left; the body, the area and
// the day on the right. The day also goes into the title and the footer; date is the one the file
// carries, taken from the data and never from the clock.
type masthead struct {
	ambito   data.Ambito
	capofila string // the comune capofila's name
	body     string
	area     string
	day      string // "seduta del 12 marzo 2027"
	clock    string // "15:00", added to the day in the page heading
	date     time.Time
}

// sessionMasthead is the masthead of a session's documents.
func sessionMasthead(d data.Dossier) masthead {
	date := d.Changed
	if date.IsZero() {
		date = d.Session.Date
	}
	return masthead{ambito: d.Ambito, capofila: d.Capofila, body: d.Body.Name, area: d.AreaName,
		day: sessionDay(d.Session), clock: italian.Clock(d.Session.Date), date: date}
}

// newDocument starts a document for the dossier, with its first page.
func newDocument(d data.Dossier, info docInfo) (*document, error) {
	return startDocument(sessionMasthead(d), info)
}

// startDocument starts a document under a masthead, with its first page.
func startDocument(m masthead, info docInfo) (*document, error) {
	orientation := "P"
	if info.landscape {
		orientation = "L"
	}
	p := gofpdf.New(orientation, "mm", "A4", "")
	for _, f := range faces {
		// ReadFile gives a fresh copy of the embedded bytes, and gofpdf needs one: it writes into
		// the slice it is given, and documents are made concurrently.
		b, err := assets.Fonts.ReadFile(f.file)
		if err != nil {
			return nil, fmt.Errorf("report: font %s: %w", f.file, err)
		}
		p.AddUTF8FontFromBytes(f.family, f.face, b)
	}
	// After the fonts: gofpdf then keeps the digits in every font subset, which the page count
	// written at the end needs.
	p.AliasNbPages("{nb}")
	date := m.date
	if date.IsZero() {
		date = time.Unix(0, 0) // gofpdf would take the clock
	}
	date = date.In(data.Zone)
	// gofpdf's information dictionary is replaced by ours (pdfa.go), but its dates must still not
	// come from the clock.
	p.SetCreationDate(date)
	p.SetModificationDate(date)
	p.SetCatalogSort(true)
	p.SetCompression(true)
	title := strings.Join(nonEmpty(info.kind, m.body, m.day), " – ")
	if info.draft {
		title = "BOZZA – " + title
	}
	subject := strings.Join(nonEmpty(m.body, prefixed("area ", m.area), m.ambito.Name), " – ")
	p.SetMargins(marginLeft, marginTop, marginRight)
	// Text starts exactly at the margin and tables pad their cells themselves.
	p.SetCellMargin(0)
	p.SetAutoPageBreak(false, marginBottom)

	pw, ph := p.GetPageSize()
	doc := &document{pdf: p, kind: info.kind, left: marginLeft, width: pw - marginLeft - marginRight, bottom: ph - marginBottom,
		info: newFileInfo(title, m.ambito.Name, subject, "Tavoli", "Tavoli", date)}
	p.SetHeaderFunc(func() { doc.pageHeading(m) })
	// The footer names the body when it fits on its line; the heading always does.
	footer := []string{strings.Join(nonEmpty("Tavoli", info.kind, m.body, m.day, info.note), " · "),
		strings.Join(nonEmpty("Tavoli", info.kind, m.day, info.note), " · ")}
	p.SetFooterFunc(func() { doc.pageFooter(footer...) })
	doc.newPage()
	return doc, p.Error()
}

// sessionDay is "seduta del 12 marzo 2027", or "" for a session with no date yet.
func sessionDay(s data.Session) string {
	if s.Date.IsZero() {
		return ""
	}
	return "seduta " + italian.OfDay(s.Date)
}

// output closes the document and returns its bytes, a PDF/A-2b file.
func (doc *document) output() ([]byte, error) {
	var buf bytes.Buffer
	if err := doc.pdf.Output(&buf); err != nil {
		return nil, fmt.Errorf("report: %s: %w", strings.ToLower(doc.kind), err)
	}
	b, err := archival(buf.Bytes(), doc.info)
	if err != nil {
		return nil, fmt.Errorf("report: %s: %w", strings.ToLower(doc.kind), err)
	}
	return b, nil
}

func (doc *document) newPage() {
	doc.pdf.AddPage()
	if doc.onPage != nil {
		doc.onPage()
	}
}

// pageHeading draws the Ambito on the left and the body and day on the right, over a rule.
func (doc *document) pageHeading(m masthead) {
	p := doc.pdf
	leftW := doc.width * 0.58
	rightW := doc.width - leftW - 4
	rightX := doc.left + doc.width - rightW
	y := marginTop

	doc.use(stAmbito, colAccent)
	p.SetXY(doc.left, y)
	p.CellFormat(leftW, stAmbito.lead, doc.fit(strings.ToUpper(clean(m.ambito.Name)), leftW), "", 0, "L", false, 0, "")
	doc.use(stSmall, colMuted)
	ly := y + stAmbito.lead + 0.5
	for _, line := range nonEmpty(officeAddress(m.ambito.Address), prefixed("Comune capofila: ", m.capofila)) {
		p.SetXY(doc.left, ly)
		p.CellFormat(leftW, stSmall.lead, doc.fit(clean(line), leftW), "", 0, "L", false, 0, "")
		ly += stSmall.lead
	}

	// The body's name is never cut: a long one goes on two or more lines.
	doc.use(stHeadBody, colText)
	ry := y + 0.6
	for _, line := range doc.wrap(m.body, rightW, stHeadBody) {
		if line == "" {
			continue
		}
		p.SetXY(rightX, ry)
		p.CellFormat(rightW, stHeadBody.lead, line, "", 0, "R", false, 0, "")
		ry += stHeadBody.lead
	}
	doc.use(stSmall, colMuted)
	ry = max(ry, y+0.6+stHeadBody.lead) + 0.3
	when := m.day
	if m.clock != "" {
		when += ", ore " + m.clock
	}
	for _, line := range nonEmpty(prefixed("Area ", m.area), when) {
		p.SetXY(rightX, ry)
		p.CellFormat(rightW, stSmall.lead, doc.fit(line, rightW), "", 0, "R", false, 0, "")
		ry += stSmall.lead
	}

	ruleY := max(ly, ry, y+stAmbito.lead+2*stSmall.lead+0.5) + 1.5
	p.SetDrawColor(colAccent.r, colAccent.g, colAccent.b)
	p.SetLineWidth(0.5)
	p.Line(doc.left, ruleY, doc.left+doc.width, ruleY)
	doc.top = ruleY + 7
	p.SetXY(doc.left, doc.top)
}

// pageFooter draws where the document came from and "pagina N di M": the first of the origins that
// fits, or the last one shortened.
func (doc *document) pageFooter(origins ...string) {
	p := doc.pdf
	_, ph := p.GetPageSize()
	y := ph - footerTop
	p.SetDrawColor(colRule.r, colRule.g, colRule.b)
	p.SetLineWidth(0.2)
	p.Line(doc.left, y, doc.left+doc.width, y)
	doc.use(stSmall, colMuted)
	// The total is written when the document closes, so its width is unknown here: the page number
	// starts at a fixed place wide enough for "pagina 999 di 999", left-aligned.
	numW := p.GetStringWidth("pagina 999 di 999") + 1
	origin := clean(origins[len(origins)-1])
	for _, o := range origins {
		if p.GetStringWidth(clean(o)) <= doc.width-numW-3 {
			origin = clean(o)
			break
		}
	}
	p.SetXY(doc.left, y+1.5)
	p.CellFormat(doc.width-numW-3, stSmall.lead, doc.fit(clean(origin), doc.width-numW-3), "", 0, "L", false, 0, "")
	p.SetXY(doc.left+doc.width-numW, y+1.5)
	p.CellFormat(numW, stSmall.lead, fmt.Sprintf("pagina %d di {nb}", p.PageNo()), "", 0, "L", false, 0, "")
}

// use selects a style and a colour for the text that follows.
func (doc *document) use(s style, c rgb) {
	doc.pdf.SetFont(s.family, s.face, s.size)
	doc.pdf.SetTextColor(c.r, c.g, c.b)
}

// need moves to a new page unless h millimetres are left on this one; it keeps a heading with the
// lines after it and a signature block in one piece.
func (doc *document) need(h float64) {
	if doc.pdf.GetY()+h > doc.bottom && doc.pdf.GetY() > doc.top+0.01 {
		doc.newPage()
	}
}

// space moves down by h millimetres; at the foot of a page it leaves the page full, so that what is
// written next starts the next page, and a page break that follows (a new area) leaves no blank page.
func (doc *document) space(h float64) {
	if doc.pdf.GetY()+h > doc.bottom {
		doc.pdf.SetY(doc.bottom)
		return
	}
	doc.pdf.SetY(doc.pdf.GetY() + h)
}

// centred writes text centred on the page, wrapped, in a style and colour: a cover's lines.
func (doc *document) centred(text string, st style, c rgb) {
	doc.use(st, c)
	for _, l := range doc.wrap(text, doc.width, st) {
		doc.line(l, doc.left, doc.width, st.lead, "C")
	}
}

// title writes a centred title, e.g. "VERBALE DELLA SEDUTA".
func (doc *document) title(s string, st style) {
	lines := doc.wrap(s, doc.width, st)
	doc.need(float64(len(lines)) * st.lead)
	doc.use(st, colAccent)
	for _, l := range lines {
		doc.line(l, doc.left, doc.width, st.lead, "C")
	}
}

// heading writes a section heading, kept with at least three lines of what follows; a section
// heading also keeps room for the sub-heading that may open it.
func (doc *document) heading(s string, st style) {
	lines := doc.wrap(s, doc.width, st)
	doc.space(st.size * 0.35) // more air above a section than above a sub-heading
	keep := 3 * stBody.lead
	if st == stHeading {
		keep += stSub.size*0.35 + stSub.lead + 1
	}
	doc.need(float64(len(lines))*st.lead + 1 + keep)
	doc.use(st, colAccent)
	for _, l := range lines {
		doc.line(l, doc.left, doc.width, st.lead, "L")
	}
	doc.pdf.SetY(doc.pdf.GetY() + 1)
}

// paragraphs writes text indented by indent mm: each line of the text is a paragraph, justified
// but for its last line; blank lines are dropped, paragraphs are spaced instead.
func (doc *document) paragraphs(s string, st style, indent float64) {
	w := doc.width - indent
	first := true
	for _, par := range strings.Split(clean(s), "\n") {
		if strings.TrimSpace(par) == "" {
			continue
		}
		if !first {
			doc.space(1.6)
		}
		first = false
		lines := doc.wrap(par, w, st)
		doc.use(st, colText)
		for i, l := range lines {
			align := "J"
			if i == len(lines)-1 || !strings.Contains(l, " ") {
				align = "L"
			}
			doc.need(float64(keepLines(len(lines), i)) * st.lead)
			doc.line(l, doc.left+indent, w, st.lead, align)
		}
	}
}

// keepLines is how many lines of a paragraph of n must fit on the page before its line i is written:
// a paragraph of up to three lines is never split, a longer one leaves neither its first line alone at
// the foot of a page nor its last alone at the head of the next.
func keepLines(n, i int) int {
	switch {
	case i == 0 && n <= 3:
		return n
	case i == 0 || i == n-2:
		return 2
	}
	return 1
}

// itemMarkW is the width of an item's hanging column.
const itemMarkW = 8.0

// item writes a numbered or bulleted entry: the mark in a hanging column, the text wrapped beside it.
func (doc *document) item(mark, s string, st style, indent float64) {
	const markW = itemMarkW
	w := doc.width - indent - markW
	lines := doc.wrap(s, w, st)
	doc.use(st, colText)
	for i, l := range lines {
		doc.need(st.lead)
		if i == 0 {
			y := doc.pdf.GetY()
			doc.line(mark, doc.left+indent, markW-1.5, st.lead, "R")
			doc.pdf.SetY(y)
		}
		doc.line(l, doc.left+indent+markW, w, st.lead, "L")
	}
}

// field writes "Label: value" with the label in a column of width labelW.
func (doc *document) field(label, value string, labelW float64) {
	w := doc.width - labelW
	lines := doc.wrap(value, w, stBody)
	doc.need(stBody.lead)
	y := doc.pdf.GetY()
	doc.use(stBold, colText)
	doc.line(label, doc.left, labelW, stBody.lead, "L")
	doc.pdf.SetY(y)
	doc.use(stBody, colText)
	for _, l := range lines {
		doc.need(stBody.lead)
		doc.line(l, doc.left+labelW, w, stBody.lead, "L")
	}
}

// line writes one line of text at x and moves to the next line.
func (doc *document) line(s string, x, w, h float64, align string) {
	p := doc.pdf
	p.SetXY(x, p.GetY())
	p.CellFormat(w, h, s, "", 2, align, false, 0, "")
}

// textHeight is the height paragraphs(s, st, indent) takes.
func (doc *document) textHeight(s string, st style, indent float64) float64 {
	h, n := 0.0, 0
	for _, par := range strings.Split(clean(s), "\n") {
		if strings.TrimSpace(par) == "" {
			continue
		}
		if n > 0 {
			h += 1.6
		}
		n++
		h += float64(len(doc.wrap(par, doc.width-indent, st))) * st.lead
	}
	return h
}

// itemHeight is the height item(mark, s, st, indent) takes.
func (doc *document) itemHeight(s string, st style, indent float64) float64 {
	return float64(len(doc.wrap(s, doc.width-indent-itemMarkW, st))) * st.lead
}

// keepWithSignature moves to a new page unless the next h millimetres, the space before the closing
// signature and the signature fit on this one: a document never ends on a page that holds its
// signature alone.
func (doc *document) keepWithSignature(h float64) {
	doc.need(h + closingSpace + signatureHeight)
}

// signatureHeight is the height of a signature block, with room to sign by hand.
const signatureHeight = 34.0

// signature is who signs and where: the role ("Il Presidente") and the name, or a blank to fill.
type signature struct{ role, name string }

// signatures draws signature blocks side by side, kept on one page: the role, the name (or a line
// to write it on) and a line to sign on. A single signature goes on the right, as in a letter.
func (doc *document) signatures(sigs ...signature) {
	const h = signatureHeight
	p := doc.pdf
	doc.need(h)
	y := p.GetY()
	blockW := doc.width / float64(max(2, len(sigs)))
	for i, s := range sigs {
		x := doc.left + float64(i)*blockW
		if len(sigs) == 1 {
			x = doc.left + blockW
		}
		lineW := blockW - 14
		lx := x + (blockW-lineW)/2
		p.SetY(y)
		doc.use(stBody, colText)
		doc.line(s.role, x, blockW, stBody.lead, "C")
		if name := strings.TrimSpace(clean(s.name)); name != "" {
			doc.use(stBold, colText)
			doc.line(doc.fit(name, blockW), x, blockW, stBody.lead, "C")
		} else {
			p.SetDrawColor(colRule.r, colRule.g, colRule.b)
			p.SetLineWidth(0.2)
			p.Line(lx+8, y+2*stBody.lead, lx+lineW-8, y+2*stBody.lead)
		}
		p.SetDrawColor(colText.r, colText.g, colText.b)
		p.SetLineWidth(0.3)
		p.Line(lx, y+h-9, lx+lineW, y+h-9)
		p.SetY(y + h - 8.5)
		doc.use(stSmall, colMuted)
		doc.line("(firma)", x, blockW, stSmall.lead, "C")
	}
	p.SetXY(doc.left, y+h)
}

// signLine is a signature on one line, for a sheet with little room left: the role and the name on
// the left, a line to sign on the right.
func (doc *document) signLine(role, name string) {
	const h = 16.0
	p := doc.pdf
	doc.need(h)
	y := p.GetY()
	half := doc.width / 2
	doc.use(stBody, colText)
	text := role + ": " + orBlank(strings.TrimSpace(clean(name)), 28)
	p.SetY(y + h - 10)
	doc.line(doc.fit(text, half), doc.left, half, stBody.lead, "L")
	p.SetDrawColor(colText.r, colText.g, colText.b)
	p.SetLineWidth(0.3)
	p.Line(doc.left+half+10, y+h-5, doc.left+doc.width, y+h-5)
	p.SetY(y + h - 4.5)
	doc.use(stSmall, colMuted)
	doc.line("(firma)", doc.left+half+10, half-10, stSmall.lead, "C")
	p.SetXY(doc.left, y+h)
}

// column is a table column: its title, its share of the table's width and its alignment.
type column struct {
	title  string
	weight float64
	align  string
}

// table is a grid with a header row repeated on every page it spans.
type table struct {
	cols      []column
	rowHeight float64 // the least height of a row, e.g. room to sign in
	zebra     bool    // shade every other row, to follow a line across a wide sheet
	// fill, when set, gives rows to add after the last one for as long as they fit on its page:
	// blank lines to write on, so the sheet ends at the foot of a page.
	fill func(i int) []string
	// reserve is the room, in mm, that filling leaves under the table for what follows it.
	reserve float64
}

const cellPad = 1.5

// barRow is one bar of a chart: its label and its value.
type barRow struct {
	label string
	value float64
}

// bars draws a horizontal bar chart: each label, a bar as long as its share of the largest value,
// and the figure; rows that do not fit go on to the next page.
func (doc *document) bars(rows []barRow) {
	top := 0.0
	for _, r := range rows {
		top = max(top, r.value)
	}
	const h, gap = 6.0, 2.5
	labelW, figureW := doc.width*0.38, 18.0
	barW := doc.width - labelW - figureW - 4
	p := doc.pdf
	for _, r := range rows {
		// A long label wraps at word ends onto up to three lines; a longer one ends with "…" after a
		// whole word, and the table under the chart gives it whole.
		lines := doc.wrap(r.label, labelW-2, stBody)
		if len(lines) > barLabelLines {
			lines = append(lines[:barLabelLines-1], doc.fit(strings.Join(lines[barLabelLines-1:], " ")+" …", labelW-2))
		}
		rowH := max(h, float64(len(lines))*stBody.lead)
		doc.need(rowH + gap)
		y := p.GetY()
		doc.use(stBody, colText)
		for i, l := range lines {
			doc.line(l, doc.left, labelW-2, stBody.lead, "L")
			p.SetXY(doc.left, y+float64(i+1)*stBody.lead)
		}
		p.SetXY(doc.left, y)
		w := 0.0
		if top > 0 {
			w = barW * r.value / top
		}
		if w > 0 {
			p.SetFillColor(colAccent.r, colAccent.g, colAccent.b)
			p.Rect(doc.left+labelW, y+0.8, max(w, 0.6), h-1.6, "F")
		}
		p.SetXY(doc.left+labelW+w+2, y)
		p.CellFormat(figureW, h, Score(r.value), "", 0, "L", false, 0, "")
		p.SetXY(doc.left, y+rowH+gap)
	}
}

// barLabelLines is the most lines a bar's label takes.
const barLabelLines = 3

// table draws rows under a header that repeats on each new page. A row taller than what is left
// of a page moves to the next one; a row taller than a whole page is split across pages.
func (doc *document) table(t table, rows [][]string) {
	p := doc.pdf
	total := 0.0
	for _, c := range t.cols {
		total += c.weight
	}
	widths := make([]float64, len(t.cols))
	for i, c := range t.cols {
		widths[i] = c.weight / total * doc.width
	}
	heads := make([][]string, len(t.cols))
	n := 1
	for i, c := range t.cols {
		heads[i] = doc.wrap(c.title, widths[i]-2*cellPad, stCellHead)
		n = max(n, len(heads[i]))
	}
	headH := float64(n)*stCellHead.lead + 2*cellPad
	header := func() {
		y := p.GetY()
		doc.use(stCellHead, colAccent)
		doc.cells(widths, heads, t.cols, 0, n, headH, y, true, false)
		p.SetY(y + headH)
	}
	// The header never ends a page alone: it needs room for a first row under it.
	doc.need(headH + max(t.rowHeight, 2*stCell.lead+2*cellPad))
	header()
	doc.onPage = header
	defer func() { doc.onPage = nil }()

	for r := 0; ; r++ {
		var row []string
		if r < len(rows) {
			row = rows[r]
		} else if t.fill != nil && p.GetY()+max(t.rowHeight, stCell.lead+2*cellPad)+t.reserve <= doc.bottom {
			row = t.fill(r)
		} else {
			break
		}
		lines := make([][]string, len(t.cols))
		n := 1
		for i := range t.cols {
			cell := ""
			if i < len(row) {
				cell = row[i]
			}
			lines[i] = doc.wrap(cell, widths[i]-2*cellPad, stCell)
			n = max(n, len(lines[i]))
		}
		shade := t.zebra && r%2 == 1
		h := max(float64(n)*stCell.lead+2*cellPad, t.rowHeight)
		if p.GetY()+h > doc.bottom && h <= doc.bottom-doc.top-headH {
			doc.newPage()
		}
		for from := 0; from < n; {
			fit := int((doc.bottom - p.GetY() - 2*cellPad) / stCell.lead)
			if fit < 1 {
				doc.newPage()
				continue
			}
			to := min(n, from+fit)
			hh := float64(to-from)*stCell.lead + 2*cellPad
			if from == 0 && to == n {
				hh = h
			}
			y := p.GetY()
			doc.use(stCell, colText)
			doc.cells(widths, lines, t.cols, from, to, hh, y, false, shade)
			p.SetY(y + hh)
			from = to
		}
	}
	p.SetX(doc.left)
}

// cells draws one band of a row: lines from..to of each cell, in boxes of height h at y. A single
// band is centred vertically, so that short rows sit in the middle of a tall signature row.
func (doc *document) cells(widths []float64, lines [][]string, cols []column, from, to int, h, y float64, head, shade bool) {
	p := doc.pdf
	p.SetDrawColor(colRule.r, colRule.g, colRule.b)
	p.SetLineWidth(0.2)
	lead := stCell.lead
	if head {
		lead = stCellHead.lead
		p.SetFillColor(colFill.r, colFill.g, colFill.b)
	} else if shade {
		p.SetFillColor(246, 247, 249)
	}
	x := doc.left
	for i, w := range widths {
		style := "D"
		if head || shade {
			style = "FD"
		}
		p.Rect(x, y, w, h, style)
		cell := lines[i]
		n := max(0, min(to, len(cell))-from)
		ty := y + cellPad
		if from == 0 && to >= len(cell) {
			ty = y + (h-float64(n)*lead)/2
		}
		for k := 0; k < n; k++ {
			p.SetXY(x+cellPad, ty+float64(k)*lead)
			p.CellFormat(w-2*cellPad, lead, cell[from+k], "", 0, cols[i].align, false, 0, "")
		}
		x += w
	}
}

// wrap breaks text into lines no wider than w in style st: at spaces, and inside a word only when
// the word alone is too wide. Each line of the text starts a new line.
func (doc *document) wrap(s string, w float64, st style) []string {
	doc.pdf.SetFont(st.family, st.face, st.size)
	var out []string
	for _, par := range strings.Split(clean(s), "\n") {
		line := ""
		var words []string
		for _, unit := range glue(strings.Fields(par)) {
			// A unit wider than the line (a date in a narrow column) breaks at its spaces after all,
			// rather than inside a word.
			if strings.Contains(unit, " ") && doc.pdf.GetStringWidth(unit) > w {
				words = append(words, strings.Fields(unit)...)
				continue
			}
			words = append(words, unit)
		}
		for _, word := range words {
			try := word
			if line != "" {
				try = line + " " + word
			}
			if doc.pdf.GetStringWidth(try) <= w {
				line = try
				continue
			}
			if line != "" {
				out = append(out, line)
			}
			line = word
			for doc.pdf.GetStringWidth(line) > w {
				head := doc.cut(line, w)
				out = append(out, head)
				line = line[len(head):]
			}
		}
		out = append(out, line)
	}
	return out
}

// cut returns the longest prefix of s, at least one letter, no wider than w.
func (doc *document) cut(s string, w float64) string {
	end := 0
	for i, r := range s {
		next := i + utf8.RuneLen(r)
		if end > 0 && doc.pdf.GetStringWidth(s[:next]) > w {
			break
		}
		end = next
	}
	return s[:end]
}

// fit shortens a one-line text that would overflow w and ends it with "…", after the last whole word
// that fits (inside a word only when the first word alone is too wide).
func (doc *document) fit(s string, w float64) string {
	if doc.pdf.GetStringWidth(s) <= w {
		return s
	}
	head := doc.cut(s, w-doc.pdf.GetStringWidth("…"))
	if len(head) < len(s) && s[len(head)] != ' ' {
		if i := strings.LastIndexByte(head, ' '); i > 0 {
			head = head[:i]
		}
	}
	return strings.TrimRight(strings.TrimSpace(head), ",;:–-") + "…"
}

// clean makes text safe to print: valid UTF-8 in composed form (a letter typed as a vowel and its
// accent becomes the accented letter the fonts have), line ends as "\n", tabs as spaces, no other
// control characters, and "?" for letters the fonts lack and for those beyond the Basic Multilingual
// Plane (gofpdf's UTF-8 fonts index a 65,536-entry table with the code point: an emoji would crash it).
func clean(s string) string {
	s = norm.NFC.String(strings.ToValidUTF8(s, "?"))
	s = strings.ReplaceAll(s, "\r\n", "\n")
	return strings.Map(func(r rune) rune {
		switch {
		case r == '\n':
			return r
		case r == '\r':
			return '\n'
		case r == '\t':
			return ' '
		case unicode.IsControl(r):
			return -1
		case !printable(r):
			return '?'
		}
		return r
	}, s)
}

// nonEmpty keeps the strings that are not blank.
func nonEmpty(ss ...string) []string {
	var out []string
	for _, s := range ss {
		if strings.TrimSpace(s) != "" {
			out = append(out, s)
		}
	}
	return out
}

// prefixed is prefix+s, or "" when s is blank.
// officeAddress is the Ufficio di Piano's address line, named once: an address that already starts
// with the office's name is not prefixed again.
func officeAddress(address string) string {
	if strings.HasPrefix(strings.ToLower(strings.TrimSpace(address)), "ufficio di piano") {
		return strings.TrimSpace(address)
	}
	return prefixed("Ufficio di Piano · ", address)
}

func prefixed(prefix, s string) string {
	if strings.TrimSpace(s) == "" {
		return ""
	}
	return prefix + s
}

// glue joins the words a line must not break between: a name's initials ("C. G."), a sign and its
// amount ("> € 25.000"), "n." and its number, and a date's day, month and year ("14 maggio 2026").
func glue(words []string) []string {
	out := make([]string, 0, len(words))
	for _, w := range words {
		if n := len(out); n > 0 && together(out[n-1][strings.LastIndexByte(out[n-1], ' ')+1:], w) {
			out[n-1] += " " + w
			continue
		}
		out = append(out, w)
	}
	return out
}

// together reports whether a line must not break between the words prev and next.
func together(prev, next string) bool {
	bare := strings.TrimRight(next, ".,;:)»")
	switch {
	case initial(prev) && initial(next):
		return true
	case prev == "€" || prev == ">" || prev == "<" || prev == "‹" || prev == "›" || prev == "≤" || prev == "≥":
		return true
	case (prev == "n." || prev == "N.") && next != "" && next[0] >= '0' && next[0] <= '9':
		return true
	case dayNumber(prev) && italian.IsMonth(bare):
		return true
	case italian.IsMonth(prev) && len(bare) == 4 && strings.Trim(bare, "0123456789") == "":
		return true
	}
	return false
}

// initial reports whether w is an initial, "C." (with the punctuation that may follow it: "C..", "C.,").
func initial(w string) bool {
	r, size := utf8.DecodeRuneInString(w)
	return unicode.IsUpper(r) && strings.HasPrefix(w[size:], ".") && strings.Trim(w[size:], ".,;:)»") == ""
}

// dayNumber reports whether w is a day of the month as dates write it: "7", "14", "1°".
func dayNumber(w string) bool {
	w = strings.TrimSuffix(w, "°")
	n, err := strconv.Atoi(w)
	return err == nil && n >= 1 && n <= 31 && len(w) <= 2
}
