import { render } from 'preact';
import { t } from '../../lib/i18n';
import { App } from './App';
import './style.css';

document.documentElement.lang = t('html_lang');
render(<App />, document.getElementById('app')!);
