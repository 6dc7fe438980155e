package report

import (
	"encoding/binary"
	"math"
	"sync"
)

// PDF/A wants the colours of a page tied to a colour space: the documents draw in DeviceRGB (and
// DeviceGray), which the sRGB output intent names. Its ICC profile is made here, a small ICC v2
// display profile (a matrix and three tone curves), rather than copied from a file of unclear licence.

// srgbName is the profile's description and the output intent's condition: the registered name of
// the standard, which readers recognise.
const srgbName = "sRGB IEC61966-2.1"

// sRGB's primaries as seen under the profile connection space's D50 white: the XYZ of full red,
// green and blue, adapted from sRGB's D65 white with the Bradford transform (each column sums to D50).
var (
	iccD50   = [3]float64{0.9642, 1.0, 0.8249}
	iccRed   = [3]float64{0.4360747, 0.2225045, 0.0139322}
	iccGreen = [3]float64{0.3850649, 0.7168786, 0.0971045}
	iccBlue  = [3]float64{0.1430804, 0.0606169, 0.7141733}
)

// iccCurvePoints is the length of the tone curve table: enough that interpolating it stays within
// one step of 16 bits of the exact sRGB curve.
const iccCurvePoints = 1024

// srgbProfile is the profile's bytes, the same on every system: integer fields, and numbers rounded
// to the profile's fixed-point formats.
var srgbProfile = sync.OnceValue(func() []byte {
	type tag struct {
		sig  string
		data []byte
	}
	curve := iccCurve()
	tags := []tag{
		{"desc", iccDesc(srgbName)},
		{"cprt", iccText("No copyright, use freely")},
		// The white is D50, the PCS's own: the colorants below are already adapted to it.
		{"wtpt", iccXYZ(iccD50)},
		{"rXYZ", iccXYZ(iccRed)},
		{"gXYZ", iccXYZ(iccGreen)},
		{"bXYZ", iccXYZ(iccBlue)},
		{"rTRC", curve},
		{"gTRC", curve},
		{"bTRC", curve},
	}
	const headerLen = 128
	tableLen := 4 + 12*len(tags)
	body := []byte{}
	entries := make([]byte, 0, tableLen)
	entries = binary.BigEndian.AppendUint32(entries, uint32(len(tags)))
	offsets := map[string]int{} // the three curves are one data block, as ICC allows
	for _, t := range tags {
		key := string(t.data)
		at, ok := offsets[key]
		if !ok {
			at = headerLen + tableLen + len(body)
			offsets[key] = at
			body = append(body, t.data...)
			for len(body)%4 != 0 { // every tag starts on a 4-byte boundary
				body = append(body, 0)
			}
		}
		entries = append(entries, t.sig...)
		entries = binary.BigEndian.AppendUint32(entries, uint32(at))
		entries = binary.BigEndian.AppendUint32(entries, uint32(len(t.data)))
	}

	h := make([]byte, headerLen)
	binary.BigEndian.PutUint32(h[0:], uint32(headerLen+tableLen+len(body)))
	copy(h[8:], []byte{2, 0x10, 0, 0}) // version 2.1
	copy(h[12:], "mntr")               // a display
	copy(h[16:], "RGB ")
	copy(h[20:], "XYZ ") // the profile connection space
	// The date the profile was made, fixed: the bytes never depend on the clock.
	for i, v := range []uint16{2026, 12, 7, 0, 0, 0} {
		binary.BigEndian.PutUint16(h[24+2*i:], v)
	}
	copy(h[36:], "acsp")
	// Rendering intent 0 (perceptual) at 64; the PCS illuminant, D50, at 68.
	copy(h[68:], iccXYZ(iccD50)[8:])
	return append(append(h, entries...), body...)
})

// iccS15 is a number in the profile's s15Fixed16 format.
func iccS15(v float64) uint32 {
	return uint32(int32(math.Round(v * 65536)))
}

// iccXYZ is an XYZType tag.
func iccXYZ(v [3]float64) []byte {
	b := append([]byte("XYZ "), 0, 0, 0, 0)
	for _, c := range v {
		b = binary.BigEndian.AppendUint32(b, iccS15(c))
	}
	return b
}

// iccText is a textType tag (the copyright).
func iccText(s string) []byte {
	return append(append([]byte("text\x00\x00\x00\x00"), s...), 0)
}

// iccDesc is a v2 textDescriptionType tag: the ASCII description, then an empty Unicode one and an
// empty Macintosh one (a 67-byte field).
func iccDesc(s string) []byte {
	b := append([]byte("desc"), 0, 0, 0, 0)
	b = binary.BigEndian.AppendUint32(b, uint32(len(s)+1))
	b = append(append(b, s...), 0)
	b = append(b, make([]byte, 4+4+2+1+67)...)
	return b
}

// iccCurve is a curveType tag sampling sRGB's tone curve: linear near black, then a 2.4 power.
func iccCurve() []byte {
	b := append([]byte("curv"), 0, 0, 0, 0)
	b = binary.BigEndian.AppendUint32(b, iccCurvePoints)
	for i := range iccCurvePoints {
		v := float64(i) / (iccCurvePoints - 1)
		if v <= 0.04045 {
			v /= 12.92
		} else {
			v = math.Pow((v+0.055)/1.055, 2.4)
		}
		b = binary.BigEndian.AppendUint16(b, uint16(math.Round(v*65535)))
	}
	return b
}
