// descent serve: the page's only script (the Content-Security-Policy allows no other). Everything it
// shows comes from this server's /api endpoints; nothing is fetched from anywhere else.
'use strict';

const $ = (id) => document.getElementById(id);
const state = { model: null, version: -1, last: null, busy: false, again: false, drawn: false, epochs: -1,
  input: null, metrics: [], metricsDrawn: false };

// ColorBrewer's RdBu, as the run report's weight images use: blue -1, near-white 0, red +1.
const DIVERGING = [0x053061, 0x2166ac, 0x4393c3, 0x92c5de, 0xd1e5f0, 0xf7f7f7, 0xfddbc7, 0xf4a582, 0xd6604d,
  0xb2182b, 0x67001f];
// Activations in [0, 1] (sigmoid, ReLU up to its largest value): white to dark blue-green.
const SEQUENTIAL = [0xffffff, 0xc7e9b4, 0x7fcdbb, 0x41b6c4, 0x1d91c0, 0x225ea8, 0x0c2c84];

function ramp(anchors, t) {
  const p = Math.max(0, Math.min(1, Number.isFinite(t) ? t : 0)) * (anchors.length - 1);
  const i = Math.min(anchors.length - 2, Math.floor(p));
  const f = p - i;
  const a = anchors[i];
  const b = anchors[i + 1];
  const mix = (shift) => Math.round(((a >> shift) & 255) * (1 - f) + ((b >> shift) & 255) * f);
  return [mix(16), mix(8), mix(0)];
}
const css = (rgb) => `rgb(${rgb[0]},${rgb[1]},${rgb[2]})`;

async function api(path, body) {
  const options = body === undefined ? {} : {
    method: 'POST', headers: { 'Content-Type': 'application/json' }, body: JSON.stringify(body),
  };
  return answer(await fetch(path, options));
}

async function answer(response) {
  const data = await response.json();
  if (!response.ok) throw new Error(data.error || response.statusText);
  return data;
}

// ---- the model and its status ----

async function loadModel() {
  const m = await api('/api/model');
  state.model = m;
  const what = m.waiting ? 'waiting for the first epoch' : `${m.sizes.join('-')} ${m.activation},`
    + ` cost ${m.cost.replace(' (built-in)', '')}, read from ${m.source}${m.dataset ? ', data set ' + m.dataset : ''}`;
  $('status').textContent = `${m.status}: ${what}; ${m.epochs} epochs${m.error ? '; ' + m.error : ''}`;
  $('draw-note').textContent = !m.waiting && !m.drawable ? 'this network does not take 28x28 drawings' : '';
  if (!m.waiting && state.input !== m.input) setUpInput(m);
  return m;
}

// What the model reads decides the input box: a drawing (28x28 digits, as today), a picture upload (a
// model of picture folders) or a form with a field per feature (a model of a table).
function setUpInput(m) {
  state.input = m.input;
  const titles = { drawing: 'Draw a digit', picture: 'Upload a picture', features: 'Enter the features',
    none: 'Test samples through the network' };
  $('input-title').textContent = titles[m.input];
  $('pad-box').classList.toggle('hidden', m.input !== 'drawing');
  $('upload-box').classList.toggle('hidden', m.input !== 'picture');
  $('features-form').classList.toggle('hidden', m.input !== 'features');
  $('input').classList.toggle('hidden', !m.image);
  $('input-cells').classList.toggle('hidden', !!m.image);
  if (m.image) {
    $('input').width = m.image.width;
    $('input').height = m.image.height;
  }
  $('input-caption').textContent = inputCaption('');
  $('tests-title').textContent = m.image ? 'Test images' : 'Test rows';
  $('show-all').textContent = m.image ? 'Show test images' : 'Show test rows';
  if ($('param').value === 'layer3.b[0]') $('param').value = `layer${m.sizes.length - 1}.b[0]`;
  if (m.input === 'features') setUpFeatures(m);
}

function inputCaption(what) {
  const m = state.model;
  const input = !m || !m.image ? 'the normalised features the network sees'
    : `the ${m.image.width}x${m.image.height}${m.image.channels === 3 ? ' RGB' : ''} input the network sees`;
  return what ? `${what}: ${input}` : input;
}

// ---- drawing ----

const pad = $('pad');
const ink = pad.getContext('2d', { willReadFrequently: true });

function clearPad() {
  ink.fillStyle = '#fff';
  ink.fillRect(0, 0, pad.width, pad.height);
  state.drawn = false;
}

function point(event) {
  const r = pad.getBoundingClientRect();
  return [(event.clientX - r.left) * pad.width / r.width, (event.clientY - r.top) * pad.height / r.height];
}

let previous = null;
pad.addEventListener('pointerdown', (e) => {
  pad.setPointerCapture(e.pointerId);
  previous = point(e);
  stroke(previous, previous);
});
pad.addEventListener('pointermove', (e) => {
  if (!previous) return;
  const p = point(e);
  stroke(previous, p);
  previous = p;
});
const lift = () => {
  if (previous) predictDrawing();
  previous = null;
};
pad.addEventListener('pointerup', lift);
pad.addEventListener('pointercancel', lift);

function stroke(from, to) {
  ink.strokeStyle = '#000';
  ink.lineWidth = pad.width / 14;
  ink.lineCap = 'round';
  ink.lineJoin = 'round';
  ink.beginPath();
  ink.moveTo(from[0], from[1]);
  ink.lineTo(to[0], to[1]);
  ink.stroke();
  state.drawn = true;
  predictDrawing();
}

// The drawing's grey pixels go to the server, which prepares them with the code `descent predict` runs
// on a picture's luminance (DigitPreprocessor): the page never makes its own 28x28 copy.
function drawingPixels() {
  const rgba = ink.getImageData(0, 0, pad.width, pad.height).data;
  const grey = new Uint8Array(pad.width * pad.height);
  for (let i = 0; i < grey.length; i++) grey[i] = rgba[i * 4];
  let text = '';
  for (let i = 0; i < grey.length; i += 0x8000) text += String.fromCharCode.apply(null, grey.subarray(i, i + 0x8000));
  return btoa(text);
}

// At most one request in flight; strokes made meanwhile are sent as one when it returns.
async function predictDrawing() {
  if (!state.drawn || !state.model || state.model.waiting || !state.model.drawable) return;
  if (state.busy) {
    state.again = true;
    return;
  }
  state.busy = true;
  try {
    const view = await api('/api/predict', { width: pad.width, height: pad.height, pixels: drawingPixels() });
    state.last = { kind: 'drawing' };
    showView(view, 'your drawing');
  } catch (error) {
    $('input-caption').textContent = error.message;
  } finally {
    state.busy = false;
    if (state.again) {
      state.again = false;
      predictDrawing();
    }
  }
}

$('clear').addEventListener('click', () => {
  clearPad();
  state.last = null;
});

// ---- a picture upload ----

// The file's bytes go to the server as they are, which reads them with the code `descent predict` runs on
// a picture file for this model: the page does not scale them.
async function predictPicture(file) {
  if (!file) return;
  const limit = state.model.maxUpload;
  if (file.size > limit) {
    $('upload-note').textContent = `${file.name} has ${file.size} bytes; the server takes pictures up to ${limit}`;
    return;
  }
  $('upload-note').textContent = `reading ${file.name}…`;
  try {
    const view = await answer(await fetch('/api/picture', {
      method: 'POST', headers: { 'Content-Type': file.type || 'application/octet-stream' }, body: file,
    }));
    state.last = { kind: 'picture', file };
    $('upload-note').textContent = `${file.name}, scaled exactly as descent predict scales it`;
    showView(view, file.name);
  } catch (error) {
    $('upload-note').textContent = error.message;
  }
}
$('picture').addEventListener('change', () => predictPicture($('picture').files[0]));

// ---- the feature form ----

function setUpFeatures(m) {
  const box = $('feature-fields');
  box.replaceChildren();
  m.features.forEach((name, j) => {
    const label = document.createElement('label');
    label.textContent = name;
    label.htmlFor = `feature-${j}`;
    const field = document.createElement('input');
    field.type = 'number';
    field.step = 'any';
    field.id = `feature-${j}`;
    field.className = 'feature';
    field.value = Number(m.typical[j].toPrecision(6));
    field.addEventListener('input', () => {
      $('features-note').textContent = 'your values';
      predictFeatures();
    });
    box.append(label, field);
  });
  $('features-note').textContent = 'the training means (no test row read)';
  // The first test row, when the run's test set can be read, is a realistic start.
  api('/api/tests/0').then((row) => {
    fillFeatures(row.values);
    $('features-note').textContent = 'test row 0';
    predictFeatures();
  }).catch(() => predictFeatures());
}

function fillFeatures(values) {
  values.forEach((v, j) => { $(`feature-${j}`).value = Number(v.toPrecision(7)); });
}

function featureValues() {
  return [...document.querySelectorAll('#feature-fields .feature')].map((f) => f.value.trim() === ''
    ? NaN : Number(f.value));
}

// As with strokes: one request in flight, the latest values sent when it returns.
async function predictFeatures(event) {
  if (event && event.type === 'submit') event.preventDefault();
  if (!state.model || state.model.input !== 'features') return;
  if (state.busy) {
    state.again = true;
    return;
  }
  const values = featureValues();
  const missing = values.findIndex((v) => !Number.isFinite(v));
  if (missing >= 0) {
    $('features-note').textContent = `${state.model.features[missing]}: enter a number`;
    return;
  }
  state.busy = true;
  try {
    const view = await api('/api/features', { values });
    state.last = { kind: 'features' };
    showView(view, 'the form');
  } catch (error) {
    $('features-note').textContent = error.message;
  } finally {
    state.busy = false;
    if (state.again) {
      state.again = false;
      predictFeatures();
    }
  }
}
$('features-form').addEventListener('submit', predictFeatures);

// ---- one input through the network ----

function showView(view, caption) {
  const m = state.model;
  const layers = view.layers;
  if (m.image) drawPixels($('input'), layers[0], m.image.width, m.image.height, m.image.channels);
  else $('input-cells').replaceChildren(layerGrid(0, layers[0], m.features));
  $('input-caption').textContent = inputCaption(caption);
  const box = $('layers');
  box.replaceChildren();
  for (let l = 1; l < layers.length - 1; l++) box.append(layerGrid(l, layers[l]));
  const regression = m.task === 'regression';
  const names = regression ? m.targets : m.classes;
  const out = view.outputs;
  const outputs = $('outputs');
  outputs.replaceChildren();
  const top = Math.max(1e-9, ...out.map(Math.abs));
  out.forEach((v, j) => {
    const label = document.createElement('span');
    label.textContent = names[j] ?? j;
    const bar = document.createElement('div');
    bar.className = 'bar' + (!regression && j === view.digit ? ' best' : '');
    const fill = document.createElement('div');
    fill.className = 'fill';
    fill.style.width = `${(regression ? Math.abs(v) / top : Math.max(0, v) / Math.max(1, top)) * 100}%`;
    bar.append(fill);
    const value = document.createElement('span');
    value.className = 'output';
    value.textContent = regression ? v.toPrecision(5) : v.toFixed(3);
    outputs.append(label, bar, value);
  });
  $('prediction').textContent = regression ? out.map((v, j) => `${names[j]} ${v.toPrecision(5)}`).join(', ')
    : view.predictedName;
}

function layerGrid(l, values, names) {
  const div = document.createElement('div');
  div.className = 'layer';
  const grid = document.createElement('div');
  grid.className = 'grid';
  const columns = Math.ceil(Math.sqrt(values.length));
  grid.style.gridTemplateColumns = `repeat(${columns}, 22px)`;
  const signed = values.some((v) => v < 0);
  const top = Math.max(1, ...values.map(Math.abs));
  values.forEach((v, j) => {
    const cell = document.createElement('div');
    cell.className = 'cell';
    cell.title = names ? `${names[j]}, normalised: ${v.toFixed(4)}` : `layer ${l} neuron ${j}: ${v.toFixed(4)}`;
    cell.dataset.value = v;
    cell.style.background = css(signed ? ramp(DIVERGING, (v / top + 1) / 2) : ramp(SEQUENTIAL, v / top));
    grid.append(cell);
  });
  const caption = document.createElement('p');
  caption.textContent = names ? `input: ${values.length} features` : `layer ${l}: ${values.length} neurons`;
  div.append(grid, caption);
  return div;
}

// Grey inputs are drawn as MNIST's are, ink dark on white (value 1 black); RGB ones in their own colours.
function drawPixels(canvas, values, width, height, channels) {
  const c = canvas.getContext('2d');
  const image = c.createImageData(width, height);
  const byte = (v) => Math.round(255 * Math.max(0, Math.min(1, v)));
  for (let i = 0; i < width * height; i++) {
    if (channels === 3) {
      image.data.set([byte(values[i * 3]), byte(values[i * 3 + 1]), byte(values[i * 3 + 2]), 255], i * 4);
    } else {
      const g = 255 - byte(values[i]);
      image.data.set([g, g, g, 255], i * 4);
    }
  }
  c.putImageData(image, 0, 0);
}

// ---- test images ----

// A test sample's label and answer, in words: class names, or a regression's targets.
function describeTest(item) {
  if (item.actual) {
    const f = (values) => values.map((v) => v.toPrecision(4)).join(', ');
    return { title: `actual ${f(item.actual)}, predicted ${f(item.predictedValues)}`, wrong: false,
      caption: `${f(item.actual)} → ${f(item.predictedValues)}` };
  }
  const wrong = item.label !== item.predicted;
  return { title: `label ${item.labelName}, predicted ${item.predictedName}`, wrong,
    caption: wrong ? `${item.labelName} → ${item.predictedName}` : `${item.labelName}` };
}

async function showTests(filter) {
  try {
    $('tests-note').textContent = 'loading…';
    const t = await api(`/api/tests?filter=${filter}&limit=60`);
    const what = t.width ? 'test images' : 'test rows';
    if (t.task === 'regression') {
      $('tests-note').textContent = filter === 'mistakes'
        ? `the ${t.items.length} of ${t.count} ${what} with the largest errors:`
        : `the first ${t.items.length} of ${t.count} ${what}`;
    } else {
      $('tests-note').textContent = filter === 'mistakes'
        ? `${t.wrong} of ${t.count} ${what} are wrong; the ${t.items.length} most confident mistakes:`
        : `the first ${t.items.length} of ${t.count} ${what} (${t.wrong} wrong in all)`;
    }
    const box = $('tests');
    box.replaceChildren();
    for (const item of t.items) {
      const d = describeTest(item);
      const div = document.createElement('div');
      div.className = 'test' + (d.wrong ? ' wrong' : '');
      div.title = `${t.width ? 'test image' : 'test row'} ${item.index}: ${d.title}`;
      let sample;
      if (t.width) {
        sample = document.createElement('canvas');
        sample.width = t.width;
        sample.height = t.height;
        const bytes = atob(item.pixels);
        const values = new Float32Array(bytes.length);
        for (let i = 0; i < bytes.length; i++) values[i] = bytes.charCodeAt(i) / 255;
        drawPixels(sample, values, t.width, t.height, t.channels);
      } else {
        sample = document.createElement('div');
        sample.className = 'row-values';
        sample.textContent = item.values.map((v) => Number(v.toPrecision(5))).join(', ');
      }
      const caption = document.createElement('span');
      caption.textContent = d.caption;
      div.append(sample, caption);
      div.addEventListener('click', () => {
        document.querySelectorAll('.test.picked').forEach((e) => e.classList.remove('picked'));
        div.classList.add('picked');
        showTest(item.index);
      });
      box.append(div);
    }
  } catch (error) {
    $('tests-note').textContent = error.message;
  }
}

async function showTest(index) {
  try {
    const view = await api(`/api/tests/${index}`);
    state.last = { kind: 'test', index };
    clearPad();
    const d = describeTest(view);
    if (view.values) {
      fillFeatures(view.values);
      $('features-note').textContent = `test row ${index}`;
    }
    showView(view, `${view.values ? 'test row' : 'test image'} ${index} (${d.title})`);
    $('draw-section').scrollIntoView({ behavior: 'smooth' });
  } catch (error) {
    $('tests-note').textContent = error.message;
  }
}

$('show-all').addEventListener('click', () => showTests('all'));
$('show-mistakes').addEventListener('click', () => showTests('mistakes'));

// ---- learning: curves and weights ----

// [min, max] by a loop: Math.min(...values) passes every value as an argument, and a run of a few hundred
// thousand epochs would overflow the stack.
function extent(values) {
  let lo = Infinity;
  let hi = -Infinity;
  for (const v of values) {
    if (v < lo) lo = v;
    if (v > hi) hi = v;
  }
  return [lo, hi];
}

function chart(canvas, series, title, yRange) {
  const c = canvas.getContext('2d');
  const w = canvas.width;
  const h = canvas.height;
  const left = 56;
  const right = 12;
  const top = 26;
  const bottom = 34;
  c.clearRect(0, 0, w, h);
  c.fillStyle = '#222';
  c.font = '13px system-ui, sans-serif';
  c.fillText(title, left, 16);
  const xs = series.flatMap((s) => s.points.map((p) => p[0]));
  const ys = series.flatMap((s) => s.points.map((p) => p[1])).filter(Number.isFinite);
  if (xs.length === 0) return;
  let [x0, x1] = extent(xs);
  let [y0, y1] = yRange || extent(ys);
  if (x1 === x0) x1 = x0 + 1;
  if (y1 === y0) { y0 -= 0.5; y1 += 0.5; }
  const X = (x) => left + (x - x0) / (x1 - x0) * (w - left - right);
  const Y = (y) => h - bottom - (y - y0) / (y1 - y0) * (h - top - bottom);
  c.strokeStyle = '#999';
  c.lineWidth = 1;
  c.strokeRect(left, top, w - left - right, h - top - bottom);
  c.fillStyle = '#555';
  c.font = '11px system-ui, sans-serif';
  for (let i = 0; i <= 4; i++) {
    const y = y0 + (y1 - y0) * i / 4;
    c.fillText(y.toPrecision(3), 4, Y(y) + 4);
    const x = x0 + (x1 - x0) * i / 4;
    c.fillText(Number.isInteger(x) ? x : x.toPrecision(3), X(x) - 8, h - bottom + 14);
  }
  let legend = left + 8;
  for (const s of series) {
    c.strokeStyle = s.colour;
    c.fillStyle = s.colour;
    c.lineWidth = 2;
    if (s.dots) {
      for (const p of s.points) {
        c.beginPath();
        c.arc(X(p[0]), Y(p[1]), 3, 0, 2 * Math.PI);
        c.fill();
      }
    }
    if (!s.dotsOnly) {
      c.beginPath();
      s.points.forEach((p, i) => (i === 0 ? c.moveTo(X(p[0]), Y(p[1])) : c.lineTo(X(p[0]), Y(p[1]))));
      c.stroke();
    }
    c.fillRect(legend, h - 14, 12, 3);
    c.fillStyle = '#333';
    c.fillText(s.name, legend + 16, h - 9);
    legend += 24 + c.measureText(s.name).width;
  }
}

// The page keeps the rows it has and asks only for the new ones: a run of thousands of epochs would otherwise
// send, parse and chart all of them again after each one.
async function showMetrics() {
  const m = await api(`/api/metrics?from=${state.metrics.length}`);
  if (m.from === 0) state.metrics = m.rows;
  else if (m.rows.length === 0 && state.metricsDrawn) return;
  else for (const row of m.rows) state.metrics.push(row);   // not push(...rows): no argument per row
  state.metricsDrawn = true;
  const rows = state.metrics;
  $('epochs').textContent = rows.length;
  const series = (key) => rows.filter((r) => key in r).map((r) => [r.epoch, r[key]]);
  chart($('cost-chart'), [
    { name: 'train cost', colour: '#1f77b4', points: series('train_cost'), dots: rows.length < 2 },
    { name: 'test cost', colour: '#ff7f0e', points: series('test_cost'), dots: rows.length < 2 },
  ], 'cost per epoch');
  // A regression's second chart is its test error in the targets' units (metrics.csv's test_rmse).
  const regression = state.model && state.model.task === 'regression';
  const accuracy = [regression
    ? { name: 'test rmse', colour: '#ff7f0e', points: series('test_rmse'), dots: rows.length < 2 }
    : { name: 'test accuracy', colour: '#ff7f0e', points: series('test_accuracy'), dots: rows.length < 2 },
  ];
  if (!regression && rows.length && 'validation_accuracy' in rows[0]) {
    accuracy.push({ name: 'validation accuracy', colour: '#2ca02c', points: series('validation_accuracy') });
  }
  chart($('accuracy-chart'), accuracy, regression ? 'test rmse per epoch' : 'test accuracy per epoch', null);
  if (m.error) $('epochs-note').classList.add('error');
}

// Each new network repaints the weight images in the canvases already on the page; they are made again only
// when the layer's shape changes, so a live run's refresh costs the browser no new elements and no layout.
async function showWeights() {
  const w = await api('/api/weights');
  const box = $('weights');
  if (!w.width) {
    box.replaceChildren();
    box.textContent = 'the first layer\'s inputs are not a grey picture';
    return;
  }
  const canvases = [...box.querySelectorAll('canvas')];
  const same = canvases.length === w.weights.length
    && canvases.every((canvas) => canvas.width === w.width && canvas.height === w.height);
  if (!same) box.replaceChildren(...w.weights.map((row, j) => weightCanvas(w, j)));
  w.weights.forEach((row, j) => {
    const c = box.children[j].getContext('2d');
    const image = c.createImageData(w.width, w.height);
    const top = Math.max(1e-9, ...row.map(Math.abs));   // each neuron on its own symmetric scale
    row.forEach((v, k) => image.data.set([...ramp(DIVERGING, (v / top + 1) / 2), 255], k * 4));
    c.putImageData(image, 0, 0);
  });
}

function weightCanvas(w, j) {
  const canvas = document.createElement('canvas');
  canvas.width = w.width;
  canvas.height = w.height;
  canvas.title = `layer 1 neuron ${j}: click a pixel to probe its weight`;
  canvas.addEventListener('click', (e) => {
    const r = canvas.getBoundingClientRect();
    const x = Math.min(w.width - 1, Math.floor((e.clientX - r.left) / r.width * w.width));
    const y = Math.min(w.height - 1, Math.floor((e.clientY - r.top) / r.height * w.height));
    $('param').value = `layer1.w[${j},${y * w.width + x}]`;
    probe();
  });
  return canvas;
}

// ---- the slope view ----

async function probe(event) {
  if (event) event.preventDefault();
  const body = {
    param: $('param').value, from: Number($('from').value), to: Number($('to').value),
    steps: Number($('steps').value), rate: Number($('rate').value),
  };
  $('slope-info').textContent = `probing ${body.param}…`;
  $('slope-info').classList.remove('error');
  try {
    const s = await api('/api/slope', body);
    const curve = s.curve.map((p) => [p.value, p.cost]);
    const path = s.descent.map((p) => [p.value, p.cost]);
    chart($('slope-chart'), [
      { name: 'cost C(w)', colour: '#1f77b4', points: curve },
      { name: 'gradient descent', colour: '#ff7f0e', points: path, dots: true },
    ], `cost over ${s.param}`);
    chart($('slope-derivative'), [
      { name: 'slope dC/dw', colour: '#2ca02c', points: s.curve.map((p) => [p.value, p.slope]) },
      { name: 'zero', colour: '#999', points: [[s.curve[0].value, 0], [s.curve[s.curve.length - 1].value, 0]] },
    ], `slope of the cost over ${s.param}`);
    const first = s.descent[0];
    const last = s.descent[s.descent.length - 1];
    $('slope-info').textContent = `${s.describe}, now ${s.value.toPrecision(4)} (cost over ${s.samples} training`
      + ` images). Descent: ${s.descent.length - 1} steps, ${s.stop}, w ${first.value.toPrecision(4)} →`
      + ` ${last.value.toPrecision(4)}, cost ${first.cost.toPrecision(5)} → ${last.cost.toPrecision(5)}.`;
  } catch (error) {
    $('slope-info').textContent = error.message;
    $('slope-info').classList.add('error');
  }
}
$('slope-form').addEventListener('submit', probe);

// ---- live updates ----

async function refresh() {
  const m = await loadModel();
  await showMetrics();
  if (m.waiting || m.version === state.version) return;
  state.version = m.version;
  await showWeights();
  if (state.last && state.last.kind === 'test') showTest(state.last.index);
  else if (state.last && state.last.kind === 'picture') predictPicture(state.last.file);
  else if (state.input === 'features') predictFeatures();
  else predictDrawing();
}

// Epochs of a small network can come a hundred times a second; the page catches up at most every two seconds
// (the latest state, trailing edge). A refresh costs the browser about 25 ms of CPU, mostly drawing the
// page again, so this keeps the page near 1% of a core, and the run's slowdown below that.
const REFRESH_MS = 2000;
let lastRefresh = 0;
let refreshTimer = null;
function scheduleRefresh() {
  if (refreshTimer) return;
  refreshTimer = setTimeout(() => {
    refreshTimer = null;
    lastRefresh = Date.now();
    refresh().catch((e) => { $('status').textContent = e.message; });
  }, Math.max(0, lastRefresh + REFRESH_MS - Date.now()));
}

function listen() {
  const events = new EventSource('/api/events');
  events.addEventListener('update', scheduleRefresh);
  events.addEventListener('error', () => { $('status').textContent += ' (reconnecting…)'; });
}

clearPad();
refresh().catch((e) => { $('status').textContent = e.message; }).finally(listen);
