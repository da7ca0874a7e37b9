import { render } from 'preact';
import { App } from './components/App';
import 'uplot/dist/uPlot.min.css';
import './style.css';

const root = document.getElementById('app')!;
root.textContent = '';
render(<App />, root);
