// Tesseract OCR: one engine per thread (loading the Chinese model takes a while), LSTM
// recogniser, automatic page segmentation. Symbols are collected into words with their glyph
// edges; a symbol's alternative readings (the choice iterator) become the word's alternatives.
#include "extract/internal/ocr.h"

#include <dlfcn.h>
#include <leptonica/allheaders.h>
#include <tesseract/baseapi.h>
#include <tesseract/resultiterator.h>

#include <algorithm>
#include <cmath>
#include <map>
#include <memory>

#include "model/errors.h"
#include "normalize/normalize.h"

namespace nianbao::extract::ocr {
namespace {

namespace nz = nianbao::normalize;

// A symbol read with less confidence than this (0–100) has its alternatives kept.
constexpr float kDoubtfulSymbol = 90;
// Tesseract's choices below this confidence are noise, not readings.
constexpr float kMinAlternative = 5;
// Readings kept per word (a word with several doubtful symbols would multiply them).
constexpr std::size_t kMaxAlternatives = 8;
// A cell is read inside its rules, this many pixels in (at 300 dpi a rule is 1–4 pixels wide).
constexpr int kRulePaddingPx = 5;
// A region smaller than this (pixels) holds no glyph.
constexpr int kMinRegionPx = 8;

// A scan slanted by less than this (degrees) is left as it is: over a 500 pt rule it drifts
// under a point, and Tesseract reads the lines anyway.
constexpr float kMinSkewDegrees = 0.1f;
// Leptonica's confidence in a skew angle (the ratio of its score to the score of no skew) below
// which the angle is not trusted (a page of pictures, or with too few text lines): its default.
constexpr float kMinSkewConfidence = 3.0f;

// The page turned upright when the scan is slanted (a sheet fed at an angle): a slanted rule
// breaks into short runs that are no rule, and slanted lines of text run into each other.
// Leptonica finds the angle from the text lines of the page (pixFindSkew's sweep over ±7°) and
// rotates the page about its centre, bringing in white. `storage` holds the turned pixels.
pdf::Bitmap upright(const pdf::Bitmap& bm, std::vector<unsigned char>& storage) {
  struct PixFree {
    void operator()(PIX* p) const { pixDestroy(&p); }
  };
  using Pix = std::unique_ptr<PIX, PixFree>;
  Pix pix(pixCreate(bm.width, bm.height, 8));
  if (!pix) return bm;
  const l_int32 wpl = pixGetWpl(pix.get());
  l_uint32* data = pixGetData(pix.get());
  for (int y = 0; y < bm.height; ++y)
    for (int x = 0; x < bm.width; ++x)
      SET_DATA_BYTE(data + static_cast<std::ptrdiff_t>(y) * wpl, x, bm.pixels[static_cast<std::ptrdiff_t>(y) * bm.stride + x]);
  Pix binary(pixConvertTo1(pix.get(), static_cast<l_int32>(pdf::kInkGrey)));
  l_float32 angle = 0, confidence = 0;
  if (!binary || pixFindSkew(binary.get(), &angle, &confidence) != 0 || confidence < kMinSkewConfidence ||
      std::abs(angle) < kMinSkewDegrees)
    return bm;
  Pix turned(pixRotate(pix.get(), angle * static_cast<l_float32>(M_PI / 180), L_ROTATE_AREA_MAP, L_BRING_IN_WHITE, 0, 0));
  if (!turned || pixGetDepth(turned.get()) != 8) return bm;
  const l_int32 twpl = pixGetWpl(turned.get());
  const l_uint32* tdata = pixGetData(turned.get());
  storage.resize(static_cast<std::size_t>(bm.width) * bm.height);
  for (int y = 0; y < bm.height; ++y)
    for (int x = 0; x < bm.width; ++x)
      storage[static_cast<std::size_t>(y) * bm.width + x] =
          static_cast<unsigned char>(GET_DATA_BYTE(tdata + static_cast<std::ptrdiff_t>(y) * twpl, x));
  return {storage.data(), bm.width, bm.height, bm.width, bm.scale};
}

// Tesseract's OpenMP parallel regions run on one thread (no active parallel level, the effect of
// OMP_THREAD_LIMIT=1, which libgomp reads only at start-up). Pages are read in parallel by batch's
// worker processes; inside one process the extra threads spin, and cost more CPU than they save
// (036.pdf page 4: 10.8 s CPU with Tesseract's threads, 4.1 s with one, and less wall time on the
// shared 2 cores). Looked up at run time in the libgomp Tesseract loaded (nianbao does not link
// it, and in the paged module it is not in the global scope).
void one_ocr_thread() {
  static const bool done = [] {
    using SetLevels = void (*)(int);
    void* gomp = ::dlopen("libgomp.so.1", RTLD_LAZY | RTLD_NOLOAD);
    auto set = reinterpret_cast<SetLevels>(::dlsym(gomp ? gomp : RTLD_DEFAULT, "omp_set_max_active_levels"));
    if (set) set(0);
    if (gomp) ::dlclose(gomp);
    return true;
  }();
  (void)done;
}

// The engine for `languages` ("chi_sim+eng" for text, "eng" for numbers: the Chinese model
// takes a printed 6 for 0), one per thread, made on first use.
tesseract::TessBaseAPI* engine(const std::string& languages, const std::string& source) {
  thread_local std::map<std::string, std::unique_ptr<tesseract::TessBaseAPI>> engines;
  one_ocr_thread();
  std::unique_ptr<tesseract::TessBaseAPI>& api = engines[languages];
  if (!api) {
    auto a = std::make_unique<tesseract::TessBaseAPI>();
    if (a->Init(nullptr, languages.c_str(), tesseract::OEM_LSTM_ONLY) != 0)
      throw InputError(source, "needs OCR, but Tesseract's model " + languages +
                                   " is not installed (tesseract-ocr-chi-sim, tesseract-ocr-eng)");
    a->SetVariable("lstm_choice_mode", "2");
    a->SetVariable("debug_file", "/dev/null");
    api = std::move(a);
  }
  return api.get();
}

// The digits of a reading ("2O" → "2"), to compare two engines' readings of a number.
std::string digits_of(const std::vector<pdf::Word>& words) {
  std::string d;
  for (const pdf::Word& w : words)
    for (char c : w.text)
      if ((c >= '0' && c <= '9') || c == '.' || c == '-') d += c;
  return d;
}

std::string take(char* s) {
  std::string out = s ? s : "";
  delete[] s;
  return out;
}

// The words Tesseract reads in the current image (or rectangle), appended to `words`.
// The confidence given to a number the two models read differently.
constexpr float kDisagreement = 50;
// A cell read as at most this many glyphs, none of them an ideograph, is read again as a number.
constexpr std::size_t kMaxNumberGlyphs = 12;

bool looks_numeric(const std::vector<pdf::Word>& words) {
  std::size_t glyphs = 0;
  for (const pdf::Word& w : words) {
    for (std::size_t i = 0; i < w.text.size();) {
      if (nz::is_cjk(nz::next_code_point(w.text, i))) return false;
      ++glyphs;
    }
  }
  return glyphs > 0 && glyphs <= kMaxNumberGlyphs;
}

void read_words(tesseract::TessBaseAPI* api, const pdf::Bitmap& bm, std::vector<pdf::Word>& words) {
  if (api->Recognize(nullptr) != 0) return;
  std::unique_ptr<tesseract::ResultIterator> it(api->GetIterator());
  if (!it) return;
  const double s = bm.scale;
  do {
    const std::string text = take(it->GetUTF8Text(tesseract::RIL_SYMBOL));
    if (text.empty()) continue;
    int x0, y0, x1, y1;
    if (!it->BoundingBox(tesseract::RIL_SYMBOL, &x0, &y0, &x1, &y1)) continue;
    if (it->IsAtBeginningOf(tesseract::RIL_WORD) || words.empty()) {
      pdf::Word w;
      int wx0, wy0, wx1, wy1;
      it->BoundingBox(tesseract::RIL_WORD, &wx0, &wy0, &wx1, &wy1);
      w.box = {wx0 / s, wy0 / s, wx1 / s, wy1 / s};
      w.font_size = static_cast<float>((wy1 - wy0) / s);
      w.space_after = true;
      words.push_back(std::move(w));
    }
    pdf::Word& w = words.back();
    const float conf = it->Confidence(tesseract::RIL_SYMBOL);
    // Readings of this symbol other than the chosen one, when the choice was doubtful.
    std::vector<std::string> others;
    if (conf < kDoubtfulSymbol) {
      tesseract::ChoiceIterator ci(*it);
      do {
        const char* c = ci.GetUTF8Text();
        if (c && text != c && ci.Confidence() >= kMinAlternative) others.push_back(c);
      } while (ci.Next());
    }
    for (std::string& a : w.alternatives) a += text;  // an earlier symbol's other reading goes on
    for (const std::string& o : others)
      if (w.alternatives.size() < kMaxAlternatives) w.alternatives.push_back(w.text + o);
    w.text += text;
    if (w.glyph_x.empty()) w.glyph_x.push_back(x0 / s);
    else w.glyph_x.back() = x0 / s;
    w.glyph_x.push_back(x1 / s);
    w.confidence = std::min(w.confidence, conf);
  } while (it->Next(tesseract::RIL_SYMBOL));
}

}  // namespace

std::vector<pdf::Word> recognise(const pdf::Bitmap& bm, const std::string& source, const std::vector<Box>& regions) {
  tesseract::TessBaseAPI* api = engine("chi_sim+eng", source);
  tesseract::TessBaseAPI* numbers = nullptr;
  api->SetImage(bm.pixels, bm.width, bm.height, 1, bm.stride);
  api->SetSourceResolution(static_cast<int>(bm.scale * 72 + 0.5));
  std::vector<pdf::Word> words;
  if (regions.empty()) {
    api->SetPageSegMode(tesseract::PSM_AUTO);
    read_words(api, bm, words);
    return words;
  }
  api->SetPageSegMode(tesseract::PSM_SINGLE_BLOCK);
  for (const Box& r : regions) {
    const int x0 = std::max(0, static_cast<int>(r.x0 * bm.scale)), y0 = std::max(0, static_cast<int>(r.y0 * bm.scale));
    const int x1 = std::min(bm.width, static_cast<int>(r.x1 * bm.scale)), y1 = std::min(bm.height, static_cast<int>(r.y1 * bm.scale));
    if (x1 - x0 < kMinRegionPx || y1 - y0 < kMinRegionPx) continue;
    api->SetRectangle(x0, y0, x1 - x0, y1 - y0);
    std::vector<pdf::Word> cell;
    read_words(api, bm, cell);
    if (looks_numeric(cell)) {
      // Read again by the Latin model, as one line: where the two disagree, the cell is doubtful
      // and keeps the other reading as an alternative.
      std::vector<pdf::Word> latin;
      if (!numbers) {
        numbers = engine("eng", source);
        numbers->SetImage(bm.pixels, bm.width, bm.height, 1, bm.stride);
        numbers->SetSourceResolution(static_cast<int>(bm.scale * 72 + 0.5));
        numbers->SetPageSegMode(tesseract::PSM_SINGLE_LINE);
      }
      numbers->SetRectangle(x0, y0, x1 - x0, y1 - y0);
      read_words(numbers, bm, latin);
      const std::string a = digits_of(latin), b = digits_of(cell);
      if (!a.empty() && latin.size() == 1) {
        if (a != b && !b.empty()) {
          latin.front().alternatives.insert(latin.front().alternatives.begin(), b.empty() ? cell.front().text : b);
          latin.front().confidence = std::min(latin.front().confidence, kDisagreement);
        }
        cell = std::move(latin);
      }
    }
    for (pdf::Word& w : cell) words.push_back(std::move(w));
  }
  return words;
}

void read_scanned_page(const pdf::Bitmap& slanted, const std::string& source, pdf::Page& page) {
  std::vector<unsigned char> turned;
  const pdf::Bitmap bm = upright(slanted, turned);
  page.rules = pdf::find_rules(bm, {}, pdf::kMinScanRulePt);
  std::vector<Box> grids;
  std::vector<Box> cells = pdf::grid_cells(page.rules, grids);
  // The text around the tables: the page with its tables painted white.
  std::vector<unsigned char> around(bm.pixels, bm.pixels + static_cast<std::size_t>(bm.stride) * bm.height);
  for (const Box& g : grids) {
    const int x0 = std::max(0, static_cast<int>(g.x0 * bm.scale) - kRulePaddingPx);
    const int x1 = std::min(bm.width, static_cast<int>(g.x1 * bm.scale) + kRulePaddingPx);
    const int y0 = std::max(0, static_cast<int>(g.y0 * bm.scale) - kRulePaddingPx);
    const int y1 = std::min(bm.height, static_cast<int>(g.y1 * bm.scale) + kRulePaddingPx);
    for (int y = y0; y < y1; ++y) std::fill(&around[static_cast<std::size_t>(y) * bm.stride + x0], &around[static_cast<std::size_t>(y) * bm.stride + x1], 255);
  }
  page.words = recognise({around.data(), bm.width, bm.height, bm.stride, bm.scale}, source, {});
  // Each cell on its own, inside its rules.
  const double inset = kRulePaddingPx / bm.scale;
  for (Box& c : cells) c = {c.x0 + inset, c.y0 + inset, c.x1 - inset, c.y1 - inset};
  if (!cells.empty())
    for (pdf::Word& w : recognise(bm, source, cells)) page.words.push_back(std::move(w));
  page.ocr = true;
}


}  // namespace nianbao::extract::ocr
