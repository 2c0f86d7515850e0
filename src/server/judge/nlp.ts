import winkNLP from 'wink-nlp';
import model from 'wink-eng-lite-web-model';

// Sentence boundaries and parts of speech are all the judge needs; skipping NER and sentiment halves the cost.
export const nlp = winkNLP(model, ['sbd', 'pos']);
export const its = nlp.its;
