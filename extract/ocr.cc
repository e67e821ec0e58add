// Tesseract OCR: one engine per thread (loading the Chinese model takes a while), LSTM
// recogniser, automatic page segmentation. Symbols are collected into words with their glyph
// edges; a symbol's alternative readings (the choice iterator) become the word's alternatives.
#include "extract/ocr.h"

#include <tesseract/baseapi.h>
#include <tesseract/resultiterator.h>

#include <memory>

#include "model/errors.h"

namespace nianbao::extract::ocr {
namespace {

// A symbol read with less confidence than this (0–100) has its alternatives kept.
constexpr float kDoubtfulSymbol = 90;
// Tesseract's choices below this confidence are noise, not readings.
constexpr float kMinAlternative = 5;
// Readings kept per word (a word with several doubtful symbols would multiply them).
constexpr std::size_t kMaxAlternatives = 8;

tesseract::TessBaseAPI* engine(const std::string& source) {
  thread_local std::unique_ptr<tesseract::TessBaseAPI> api;
  thread_local bool failed = false;
  if (!api && !failed) {
    auto a = std::make_unique<tesseract::TessBaseAPI>();
    if (a->Init(nullptr, "chi_sim+eng", tesseract::OEM_LSTM_ONLY) != 0) {
      failed = true;
    } else {
      a->SetPageSegMode(tesseract::PSM_AUTO);
      a->SetVariable("lstm_choice_mode", "2");
      a->SetVariable("debug_file", "/dev/null");
      api = std::move(a);
    }
  }
  if (!api)
    throw InputError(source, "needs OCR, but Tesseract's Chinese model is not installed (tesseract-ocr-chi-sim)");
  return api.get();
}

std::string take(char* s) {
  std::string out = s ? s : "";
  delete[] s;
  return out;
}

}  // namespace

std::vector<pdf::Word> recognise(const pdf::Bitmap& bm, const std::string& source, int page) {
  tesseract::TessBaseAPI* api = engine(source);
  api->SetImage(bm.pixels, bm.width, bm.height, 1, bm.stride);
  api->SetSourceResolution(static_cast<int>(bm.scale * 72 + 0.5));
  std::vector<pdf::Word> words;
  if (api->Recognize(nullptr) != 0) return words;
  std::unique_ptr<tesseract::ResultIterator> it(api->GetIterator());
  if (!it) return words;
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
  (void)page;
  return words;
}

}  // namespace nianbao::extract::ocr
