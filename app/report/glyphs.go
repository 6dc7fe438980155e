package report

import (
	"fmt"
	"sync"

	"golang.org/x/image/font/sfnt"

	"github.com/tavoli/tavoli/assets"
)

// printable reports whether every face the documents use draws r. A letter a face lacks would be
// printed as its glyph 0, the empty box of .notdef, which PDF/A forbids a document to show: clean
// prints a "?" instead (as it does for letters beyond the 16-bit plane) so that text in any style
// is drawn the same.
func printable(r rune) bool {
	if r < 0 || r > 0xFFFF {
		return false
	}
	return drawn()[r/64]&(1<<(r%64)) != 0
}

// drawn is the set of the 16-bit code points every face has a glyph for, read once from the fonts'
// character maps. The fonts are part of the program: one that does not parse is a broken build.
var drawn = sync.OnceValue(func() []uint64 {
	set := make([]uint64, 0x10000/64)
	for i := range set {
		set[i] = ^uint64(0)
	}
	var buf sfnt.Buffer
	for _, f := range faces {
		b, err := assets.Fonts.ReadFile(f.file)
		if err != nil {
			panic(fmt.Sprintf("report: font %s: %v", f.file, err))
		}
		font, err := sfnt.Parse(b)
		if err != nil {
			panic(fmt.Sprintf("report: font %s: %v", f.file, err))
		}
		for r := range rune(0x10000) {
			if g, err := font.GlyphIndex(&buf, r); err != nil || g == 0 {
				set[r/64] &^= 1 << (r % 64)
			}
		}
	}
	return set
})
